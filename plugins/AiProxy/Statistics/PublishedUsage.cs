namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary>
/// The contract's <see cref="AiUsage"/> built from the same numbers the log carries, so a metric, a budget and a log
/// line never disagree about a request.
/// </summary>
internal static class PublishedUsage
{
    /// <summary>
    /// Publishes the usage as <see cref="AiContextKeys.Usage"/>, unless what is published already says the same: the
    /// log phase recomputes what the body filter published when the body ended, and a second equal
    /// <see cref="AiUsage"/> would cost 136 B per request for nothing.
    /// </summary>
    public static void Publish(PluginContext context, in MetaStatistics meta, in UsageStatistics usage, bool streaming)
    {
        var latency = TimeSpan.FromMilliseconds(meta.LlmLatency);
        TimeSpan? firstToken = usage.TimeToFirstToken > 0 ? TimeSpan.FromMilliseconds(usage.TimeToFirstToken) : null;
        var perOutputToken = TimePerOutputToken(meta.LlmLatency, usage, streaming);
        if (context.TryGetShared(AiContextKeys.Usage, out var published) && published is not null
            && string.Equals(published.Provider, meta.ProviderName, StringComparison.Ordinal)
            && string.Equals(published.RequestModel, meta.RequestModel, StringComparison.Ordinal)
            && string.Equals(published.ResponseModel, meta.ResponseModel, StringComparison.Ordinal)
            && published.PromptTokens == usage.PromptTokens
            && published.CompletionTokens == usage.CompletionTokens
            && published.CacheReadTokens == usage.CachedTokens
            && published.CacheWriteTokens == usage.CacheCreationTokens
            && published.Cost.Equals(usage.Cost)
            && published.ProviderLatency == latency
            && published.TimeToFirstToken == firstToken
            && published.TimePerOutputToken == perOutputToken
            && published.Streaming == streaming
            && published.Incomplete == meta.ResponseIncomplete)
        {
            return;
        }

        context.SetShared(AiContextKeys.Usage, new AiUsage(
            meta.ProviderName,
            meta.RequestModel,
            meta.ResponseModel,
            usage.PromptTokens,
            usage.CompletionTokens,
            usage.CachedTokens,
            usage.CacheCreationTokens,
            usage.Cost,
            latency,
            firstToken,
            perOutputToken,
            streaming,
            meta.ResponseIncomplete));
    }

    /// <summary>
    /// The usual definition for streams, (end − first token) / (output − 1): the decode speed a user feels, without
    /// the prompt processing that time-to-first-token already measures. Unknown for one-shot replies, whose first
    /// byte arrives with the last.
    /// </summary>
    private static TimeSpan? TimePerOutputToken(long latencyMs, in UsageStatistics usage, bool streaming)
    {
        if (!streaming || usage.TimeToFirstToken <= 0 || usage.CompletionTokens < 2 || latencyMs < usage.TimeToFirstToken)
        {
            return null;
        }

        return TimeSpan.FromMilliseconds((double)(latencyMs - usage.TimeToFirstToken) / (usage.CompletionTokens - 1));
    }
}
