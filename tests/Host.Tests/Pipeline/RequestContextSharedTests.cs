using System.Diagnostics;
using Gateway.Host.Configuration.Model;
using Gateway.Host.Pipeline;
using Gateway.Plugins;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Tests.Pipeline;

public sealed class RequestContextSharedTests
{
    [Fact]
    public void SetShared_OneKeyAsAiProxyPublishesItsUsage_AllocatesNothing()
    {
        using var runtime = Runtime();
        using var context = new RequestContext(new DefaultHttpContext(), runtime, Stopwatch.GetTimestamp());
        var key = new ContextKey<string>("ai.usage");
        var values = new[] { "start", "delta", "end" };

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var value in values)
        {
            context.SetShared(key, value);
        }

        Assert.True(context.TryGetShared(key, out var last));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal("end", last);
    }

    [Fact]
    public void SetShared_ManyKeys_EachReadsBackItsLastValueAndKeysWithTheSameNameStayApart()
    {
        using var runtime = Runtime();
        using var context = new RequestContext(new DefaultHttpContext(), runtime, Stopwatch.GetTimestamp());
        var keys = Enumerable.Range(0, 9).Select(i => new ContextKey<int>("key")).ToArray();
        var text = new ContextKey<string>("text");

        Assert.False(context.TryGetShared(text, out _));
        for (var i = 0; i < keys.Length; i++)
        {
            context.SetShared(keys[i], i);
        }

        context.SetShared(keys[3], 30);
        context.SetShared(text, "t");

        for (var i = 0; i < keys.Length; i++)
        {
            Assert.True(context.TryGetShared(keys[i], out var value));
            Assert.Equal(i == 3 ? 30 : i, value);
        }

        Assert.True(context.TryGetShared(text, out var stored));
        Assert.Equal("t", stored);
        Assert.False(context.TryGetShared(new ContextKey<int>("key"), out _));
    }

    private static GatewayRuntime Runtime() => new(
        new GatewayConfig([], [], []),
        new PluginChains(new Dictionary<string, PluginChain>(), PluginChain.Empty, new Dictionary<IGatewayPlugin, IReadOnlyList<PluginInstance>>()));
}
