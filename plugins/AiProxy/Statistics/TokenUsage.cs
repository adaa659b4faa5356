namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary>
/// The token counts Anthropic reported, as last seen. Every count in a stream is cumulative (a
/// <c>message_delta</c> repeats the total so far), so a later value replaces an earlier one; nothing is summed.
/// That is the fix for Kong 3.13's over-count.
/// </summary>
internal sealed class TokenUsage
{
    public long? InputTokens { get; set; }

    public long? OutputTokens { get; set; }

    public long? CacheCreationInputTokens { get; set; }

    public long? CacheReadInputTokens { get; set; }

    public bool HasAny => InputTokens is not null || OutputTokens is not null
        || CacheCreationInputTokens is not null || CacheReadInputTokens is not null;
}
