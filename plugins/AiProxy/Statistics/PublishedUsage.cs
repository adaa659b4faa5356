namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary>
/// The contract's <see cref="AiUsage"/> built from the same numbers the log carries, so a metric, a budget and a log
/// line never disagree about a request.
/// </summary>
internal static class PublishedUsage
{
    public static AiUsage From(MetaStatistics meta, UsageStatistics usage, bool streaming)
    {
        TimeSpan? firstToken = usage.TimeToFirstToken > 0 ? TimeSpan.FromMilliseconds(usage.TimeToFirstToken) : null;
        return new AiUsage(
            meta.ProviderName,
            meta.RequestModel,
            meta.ResponseModel,
            usage.PromptTokens,
            usage.CompletionTokens,
            usage.CachedTokens,
            usage.CacheCreationTokens,
            usage.Cost,
            TimeSpan.FromMilliseconds(meta.LlmLatency),
            firstToken,
            TimePerOutputToken(meta.LlmLatency, usage, streaming),
            streaming,
            meta.ResponseIncomplete);
    }

    /// <summary>
    /// The usual definition for streams, (end − first token) / (output − 1): the decode speed a user feels, without
    /// the prompt processing that time-to-first-token already measures. Unknown for one-shot replies, whose first
    /// byte arrives with the last.
    /// </summary>
    private static TimeSpan? TimePerOutputToken(long latencyMs, UsageStatistics usage, bool streaming)
    {
        if (!streaming || usage.TimeToFirstToken <= 0 || usage.CompletionTokens < 2 || latencyMs < usage.TimeToFirstToken)
        {
            return null;
        }

        return TimeSpan.FromMilliseconds((double)(latencyMs - usage.TimeToFirstToken) / (usage.CompletionTokens - 1));
    }
}
