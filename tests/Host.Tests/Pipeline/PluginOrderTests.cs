using Gateway.Host.Pipeline;

namespace Gateway.Host.Tests.Pipeline;

public sealed class PluginOrderTests
{
    [Fact]
    public void Order_KongPriorities_HigherFirstTiesByNameDescending()
    {
        var plugins = new[]
        {
            new FakePlugin("file-log", 9),
            new FakePlugin("ai-proxy", 770),
            new FakePlugin("b-plugin", 100),
            new FakePlugin("a-plugin", 100),
            new FakePlugin("post-function", -1000),
        };

        var ordered = plugins.Order(PluginOrder.Instance).Select(p => p.Name);

        Assert.Equal(["ai-proxy", "b-plugin", "a-plugin", "file-log", "post-function"], ordered);
    }
}
