namespace Gateway.MockAnthropic.Parsing;

/// <summary>The facts of a Chat Completions request that shape the mock's OpenAI-format answer.</summary>
internal sealed class ChatRequest
{
    /// <summary>What the shared planner reads; <c>ThinkingEnabled</c> means a <c>reasoning_effort</c> was sent.</summary>
    public required MessagesRequest Facts { get; init; }

    /// <summary><c>stream_options.include_usage: true</c>: the stream ends with a usage chunk, as on OpenAI.</summary>
    public bool IncludeUsage { get; init; }

    /// <summary>A <c>prompt_cache_key</c> was sent, so part of the prompt is reported as cached even when short.</summary>
    public bool HasPromptCacheKey { get; init; }
}
