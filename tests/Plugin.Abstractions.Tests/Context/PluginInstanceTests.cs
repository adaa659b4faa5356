namespace Gateway.Plugins.Tests.Context;

public sealed class PluginInstanceTests
{
    private sealed record Template(string Text);

    private static PluginInstance NewInstance() => new("id-1", new object(), "global");

    [Fact]
    public void GetPrepared_AfterSetPrepared_ReturnsTheSameObject()
    {
        var instance = NewInstance();
        var template = new Template("x");

        instance.SetPrepared(template);

        Assert.Same(template, instance.GetPrepared<Template>());
    }

    [Fact]
    public void GetPrepared_NothingPrepared_ThrowsSayingWhereToSetIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => NewInstance().GetPrepared<Template>());

        Assert.Equal("plugin instance id-1 has no prepared value; set one with PluginInstance.SetPrepared in the configure phase", error.Message);
    }

    [Fact]
    public void GetPrepared_OtherType_ThrowsNamingBothTypes()
    {
        var instance = NewInstance();
        instance.SetPrepared("text");

        var error = Assert.Throws<InvalidOperationException>(() => instance.GetPrepared<Template>());

        Assert.Equal("plugin instance id-1 has a prepared String, not a Template", error.Message);
    }

    [Fact]
    public void SetPrepared_AfterTheHostSealedTheInstance_Throws()
    {
        var instance = NewInstance();
        instance.SetPrepared(new Template("x"));
        instance.Seal();

        var error = Assert.Throws<InvalidOperationException>(() => instance.SetPrepared(new Template("y")));

        Assert.Equal("plugin instance id-1: SetPrepared is only allowed in the configure phase", error.Message);
        Assert.Equal("x", instance.GetPrepared<Template>().Text);
    }
}
