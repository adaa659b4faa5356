using Gateway.Plugins.AiProxy.Configuration;

namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary>
/// Publishes <see cref="AiContextKeys.Usage"/> from the body filter as soon as a count is known: when a stream's
/// <c>message_start</c> or <c>message_delta</c> arrives and when the body ends. Plugins that run before ai-proxy
/// (a budget at priority 905) have their log phase before ai-proxy's, so the log phase is too late for them; and a
/// client that leaves mid-stream is still charged what the provider had reported. Called a few times per response,
/// never per chunk.
/// </summary>
internal static class ShareUsage
{
    public static void Run(PluginContext context, AiProxyConfig config, AiProxyRequestState state, long now, bool final)
    {
        var (meta, usage, generative) = BuildStatistics.Run(context, config, state, now, final);
        if (generative)
        {
            PublishedUsage.Publish(context, meta, usage, state.Streaming);
        }
    }
}
