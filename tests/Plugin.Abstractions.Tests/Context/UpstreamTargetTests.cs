namespace Gateway.Plugins.Tests.Context;

public sealed class UpstreamTargetTests
{
    [Fact]
    public void PathAndQuery_PathAndQuerySet_JoinsThem()
    {
        var target = new UpstreamTarget { Path = "/v1/messages", Query = "?beta=true" };

        Assert.Equal("/v1/messages?beta=true", target.PathAndQuery);
    }

    [Fact]
    public void Setters_AfterTheHostSealedTheTarget_ThrowAndKeepTheValue()
    {
        var target = new UpstreamTarget { Path = "/a" };
        target.Seal();

        var error = Assert.Throws<InvalidOperationException>(() => target.Path = "/b");

        Assert.Equal("the upstream target can only be changed in the access phase", error.Message);
        Assert.Equal("/a", target.Path);
        Assert.Throws<InvalidOperationException>(() => target.Port = 1);
        Assert.Throws<InvalidOperationException>(() => target.PreserveHost = true);
    }
}
