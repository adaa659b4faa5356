namespace Gateway.Host.Usage;

/// <summary>The fields of one file-log line the report needs; everything else on the line is skipped unread.</summary>
internal struct LogLine
{
    /// <summary><c>started_at</c>, ms since the epoch; null when the line has none.</summary>
    public long? StartedAtMs;

    /// <summary><c>response.status</c>; 0 when absent.</summary>
    public int Status;

    public string? SessionId;
    public string? Route;
    public string? RequestModel;
    public string? ResponseModel;

    /// <summary>The line carried <c>ai.proxy</c> statistics (lines of requests ai-proxy never saw do not).</summary>
    public bool HasAiProxy;

    /// <summary><c>ai.proxy.meta.response_error</c> was set: an Anthropic error, also after a 200.</summary>
    public bool AiError;

    /// <summary><c>ai.proxy.usage.prompt_tokens</c>: uncached input plus cache writes plus cache reads.</summary>
    public long PromptTokens;
    public long CompletionTokens;
    public long CacheReadTokens;
    public long CacheWriteTokens;
    public decimal Cost;

    /// <summary><c>ai.proxy.usage.time_to_first_token</c> in ms; 0 when there was no first token.</summary>
    public long TimeToFirstTokenMs;

    /// <summary>Prompt tokens that were neither written to nor read from the cache.</summary>
    public readonly long InputTokens => Math.Max(0, PromptTokens - CacheReadTokens - CacheWriteTokens);

    public readonly string ModelKey => ResponseModel ?? RequestModel ?? "(unknown model)";
}
