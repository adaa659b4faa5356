namespace Gateway.Plugins.Tests.Context;

public sealed class UpstreamTargetTests
{
    [Fact]
    public void PathAndQuery_PathAndQuerySet_JoinsThem()
    {
        var target = new UpstreamTarget { Path = "/v1/messages", Query = "?beta=true" };

        Assert.Equal("/v1/messages?beta=true", target.PathAndQuery);
    }
}
