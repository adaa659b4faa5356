namespace Gateway.MockAnthropic.Replies;

/// <summary>
/// The OpenAI usage numbers of one answer. OpenAI caches automatically from 1024 prompt tokens on, so the mock
/// reports half the prompt as cached from there on (or whenever a <c>prompt_cache_key</c> is sent), at least 1.
/// </summary>
internal readonly record struct ChatUsage(int PromptTokens, int CachedTokens, int CompletionTokens, int ReasoningTokens)
{
    public const int CachingThreshold = 1024;

    public int TotalTokens => PromptTokens + CompletionTokens;

    public static ChatUsage For(long bodyBytes, bool hasPromptCacheKey, ReplyPlan plan)
    {
        var prompt = UsageCalculator.PromptTokens(bodyBytes);
        var cached = prompt >= CachingThreshold || hasPromptCacheKey ? Math.Max(1, prompt / 2) : 0;
        var reasoning = 0;
        foreach (var block in plan.Blocks)
        {
            if (block.Kind == ReplyBlockKind.Thinking)
            {
                reasoning += block.Pieces.Count(p => p.Length > 0);
            }
        }

        return new ChatUsage(prompt, cached, plan.OutputTokens(), reasoning);
    }

    /// <summary>The recording's form: uncached prompt as input, cached as cache read, so their sum is the prompt.</summary>
    public MockUsage ToRecorded() => new(PromptTokens - CachedTokens, CompletionTokens, 0, CachedTokens);
}
