namespace Gateway.Plugins.AiProxy.Buffers;

/// <summary>The per-request memory bounds, in one place so the docs can quote them.</summary>
internal static class Limits
{
    /// <summary>Each of <c>ai.proxy.payload.request</c> and <c>.response</c>.</summary>
    public const int PayloadBytes = 64 * 1024;

    /// <summary>A non-streamed response body kept to read its usage; Anthropic puts <c>usage</c> last, so a body
    /// beyond this has no usage in the log.</summary>
    public const int JsonResponseBytes = 4 * 1024 * 1024;

    /// <summary>One SSE line or one event's data; a longer event is dropped from the statistics, not the stream.</summary>
    public const int SseEventBytes = 1024 * 1024;
}
