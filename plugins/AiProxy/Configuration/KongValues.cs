namespace Gateway.Plugins.AiProxy.Configuration;

/// <summary>The slash-separated enumerations of Kong 3.13's schema, kept as strings so that each value can be
/// told apart as "implemented", "Kong's but not implemented yet" or "not Kong's at all".</summary>
internal static class KongValues
{
    public const string ChatRouteType = "llm/v1/chat";

    public const string TextGeneration = "text/generation";

    public static readonly IReadOnlySet<string> RouteTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "llm/v1/chat", "llm/v1/completions", "llm/v1/embeddings", "llm/v1/files", "llm/v1/batches",
        "llm/v1/assistants", "llm/v1/responses", "audio/v1/audio/speech", "audio/v1/audio/transcriptions",
        "audio/v1/audio/translations", "image/v1/images/generations", "image/v1/images/edits",
        "video/v1/videos/generations", "realtime/v1/realtime", "preserve",
    };

    public static readonly IReadOnlySet<string> GenaiCategories = new HashSet<string>(StringComparer.Ordinal)
    {
        "text/generation", "text/embeddings", "image/generation", "audio/speech", "audio/transcription",
        "video/generation",
    };
}
