using Gateway.TestCommon;

namespace Gateway.Plugins.Tests.Context;

public sealed class PluginContextTests
{
    private sealed record SampleConfig(string Name);

    private static readonly ContextKey<string> Greeting = new("greeting");
    private static readonly ContextKey<int> Count = new("count");

    [Fact]
    public void GetConfig_InstanceConfig_ReturnsItTyped()
    {
        var context = new FakePluginContext(new SampleConfig("x"));

        Assert.Equal("x", context.GetConfig<SampleConfig>().Name);
    }

    [Fact]
    public void Shared_TypedKeys_KeepValuesApartByKey()
    {
        var context = new FakePluginContext(new SampleConfig("x"));

        context.SetShared(Greeting, "hello");

        Assert.True(context.TryGetShared(Greeting, out var greeting));
        Assert.Equal("hello", greeting);
        Assert.False(context.TryGetShared(Count, out _));
        Assert.Equal("greeting", Greeting.ToString());
    }
}
