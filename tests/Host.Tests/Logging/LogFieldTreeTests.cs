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

    [Fact]
    public void Return_ThenRent_GivesAnEmptyTreeAndLeavesAPluginsOwnDictionaryAlone()
    {
        var pluginValue = new Dictionary<string, object?> { ["kept"] = 1 };
        var tree = LogFieldTree.Rent();
        tree.Set("ai.proxy.usage", 1);
        tree.Set("plugin", pluginValue);

        LogFieldTree.Return(tree);

        Assert.Empty(tree.Root);
        Assert.Equal(1, pluginValue["kept"]);
        var next = LogFieldTree.Rent();
        Assert.Empty(next.Root);
        next.Set("ai.proxy.meta", "m");
        var proxy = Assert.IsType<Dictionary<string, object?>>(Assert.IsType<Dictionary<string, object?>>(next.Root["ai"])["proxy"]);
        Assert.Equal(["meta"], proxy.Keys);
        LogFieldTree.Return(next);
    }

    [Fact]
    public void Set_OnAWarmTree_AllocatesNothingForKeysItHasSeen()
    {
        var tree = new LogFieldTree();
        var meta = new object();
        Fill(tree, meta);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            Fill(tree, meta);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    // What ai-proxy and file-log's custom fields set on every request: the same dotted keys, overwritten.
    private static void Fill(LogFieldTree tree, object value)
    {
        tree.Set("ai.proxy.meta", value);
        tree.Set("ai.proxy.usage", value);
        tree.Set("custom.field", value);
    }
}
