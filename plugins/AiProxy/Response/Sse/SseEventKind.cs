namespace Gateway.Plugins.AiProxy.Response.Sse;

/// <summary>The Anthropic stream events that matter for statistics; everything else is <see cref="Other"/>.</summary>
internal enum SseEventKind
{
    /// <summary>No <c>event:</c> line: the kind comes from the data's <c>type</c>.</summary>
    Unnamed,
    MessageStart,
    MessageDelta,
    ContentBlockStart,
    ContentBlockDelta,
    MessageStop,
    Error,

    /// <summary><c>ping</c>, <c>content_block_stop</c> and unknown events.</summary>
    Other,
}
