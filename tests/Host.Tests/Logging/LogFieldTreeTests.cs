using Gateway.Host.Logging;

namespace Gateway.Host.Tests.Logging;

public sealed class LogFieldTreeTests
{
    [Fact]
    public void Set_DottedKeys_NestObjectsAndNullRemoves()
    {
        var tree = new LogFieldTree();

        tree.Set("ai.proxy.usage", 1);
        tree.Set("ai.proxy.meta", "m");
        tree.Set("top", true);
        tree.Set("ai.proxy.meta", null);
        tree.Set("missing.branch", null);

        var ai = Assert.IsType<Dictionary<string, object?>>(tree.Root["ai"]);
        var proxy = Assert.IsType<Dictionary<string, object?>>(ai["proxy"]);
        Assert.Equal(1, proxy["usage"]);
        Assert.False(proxy.ContainsKey("meta"));
        Assert.Equal(true, tree.Root["top"]);
        Assert.False(tree.Root.ContainsKey("missing"));
    }
}
