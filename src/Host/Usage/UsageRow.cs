namespace Gateway.Host.Usage;

/// <summary>One row of the report: a group's sums, or the totals.</summary>
internal sealed record UsageRow(
    string Key,
    long Requests,
    long InputTokens,
    long OutputTokens,
    long CacheWriteTokens,
    long CacheReadTokens,
    decimal Cost,
    long Errors,
    long TtftCount,
    long? TtftP50Ms,
    long? TtftP95Ms,
    long? FirstStartedAtMs,
    long? LastStartedAtMs)
{
    /// <summary>
    /// Cache hit ratio: the share of prompt tokens read from the prompt cache,
    /// cache read / (input + cache write + cache read), i.e. cache read / prompt_tokens; null without prompt tokens.
    /// </summary>
    public double? CacheHitRatio => PromptTokens == 0 ? null : (double)CacheReadTokens / PromptTokens;

    public long PromptTokens => InputTokens + CacheWriteTokens + CacheReadTokens;

    public static UsageRow From(string key, UsageTally tally) => new(
        key,
        tally.Requests,
        tally.InputTokens,
        tally.OutputTokens,
        tally.CacheWriteTokens,
        tally.CacheReadTokens,
        tally.Cost,
        tally.Errors,
        tally.Ttft.Count,
        tally.Ttft.Percentile(50),
        tally.Ttft.Percentile(95),
        tally.FirstStartedAtMs,
        tally.LastStartedAtMs);
}
