namespace Gateway.Plugins;

/// <summary>
/// What one LLM call cost, as the AI plugin that made it measured it (ai-proxy publishes it under
/// <see cref="AiContextKeys.Usage"/> as soon as counts are known, and final in its log phase). Metrics, budgets and reports read this one record instead of
/// parsing the log entry, so every consumer counts the same tokens.
/// </summary>
/// <param name="Provider">The provider name as configured, for example <c>anthropic</c>.</param>
/// <param name="RequestModel">The model the request asked for (or the configured one).</param>
/// <param name="ResponseModel">The model the provider says answered.</param>
/// <param name="PromptTokens">Input tokens, cache reads and cache writes included (what the provider billed as input).</param>
/// <param name="CompletionTokens">Output tokens.</param>
/// <param name="CacheReadTokens">The part of <paramref name="PromptTokens"/> read from the prompt cache.</param>
/// <param name="CacheWriteTokens">The part of <paramref name="PromptTokens"/> written to the prompt cache.</param>
/// <param name="Cost">The cost from the configured per-million-token prices; 0 when no prices are configured.</param>
/// <param name="ProviderLatency">From sending the request to the provider to the end of its response (or to now when it
/// never ended).</param>
/// <param name="TimeToFirstToken">Until the first content arrived; null when no content did.</param>
/// <param name="TimePerOutputToken">Generation time per output token after the first; null when unknown.</param>
/// <param name="Streaming">The response was a server-sent event stream.</param>
/// <param name="Incomplete">The response did not reach its end (yet, for a record published mid-stream; or client
/// disconnect or upstream abort): the counts are
/// what had been seen.</param>
public sealed record AiUsage(
    string Provider,
    string RequestModel,
    string ResponseModel,
    long PromptTokens,
    long CompletionTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    double Cost,
    TimeSpan ProviderLatency,
    TimeSpan? TimeToFirstToken,
    TimeSpan? TimePerOutputToken,
    bool Streaming,
    bool Incomplete)
{
    /// <summary>Prompt plus completion tokens.</summary>
    public long TotalTokens => PromptTokens + CompletionTokens;
}
