using Prometheus;

namespace Gateway.Plugins.Prometheus.Metrics;

/// <summary>
/// One counter child per <c>token_type</c>: Kong's three, and the cache reads and writes Kong folds into
/// <c>prompt_tokens</c>. Like Kong, a type is only incremented by a positive count.
/// </summary>
internal sealed class TokenCounters(Func<string, Counter.Child> child)
{
    public const string Prompt = "prompt_tokens";
    public const string Completion = "completion_tokens";
    public const string Total = "total_tokens";
    public const string CacheRead = "cache_read_tokens";
    public const string CacheWrite = "cache_write_tokens";

    private readonly Counter.Child _prompt = child(Prompt);
    private readonly Counter.Child _completion = child(Completion);
    private readonly Counter.Child _total = child(Total);
    private readonly Counter.Child _cacheRead = child(CacheRead);
    private readonly Counter.Child _cacheWrite = child(CacheWrite);

    public void Add(AiUsage usage)
    {
        Add(_prompt, usage.PromptTokens);
        Add(_completion, usage.CompletionTokens);
        Add(_total, usage.TotalTokens);
        Add(_cacheRead, usage.CacheReadTokens);
        Add(_cacheWrite, usage.CacheWriteTokens);
    }

    private static void Add(Counter.Child counter, long count)
    {
        if (count > 0)
        {
            counter.Inc(count);
        }
    }
}
