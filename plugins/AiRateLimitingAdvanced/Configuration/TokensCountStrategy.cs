namespace Gateway.Plugins.AiRateLimitingAdvanced.Configuration;

/// <summary>Which number of a call's usage is added to the counters (<c>tokens_count_strategy</c>).</summary>
internal enum TokensCountStrategy
{
    /// <summary>Prompt plus completion tokens (Kong's default).</summary>
    TotalTokens,

    /// <summary>Prompt tokens, cache reads and writes included.</summary>
    PromptTokens,

    /// <summary>Completion tokens.</summary>
    CompletionTokens,

    /// <summary>The cost from ai-proxy's configured prices (fractions kept).</summary>
    Cost,
}
