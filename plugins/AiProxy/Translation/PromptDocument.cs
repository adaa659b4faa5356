using System.Text.Json;

namespace Gateway.Plugins.AiProxy.Translation;

/// <summary>
/// What both request translations (Chat Completions → Messages and Messages → Chat Completions) start from: the
/// body as one JSON object with a non-empty <c>messages</c> array. Anything else is Kong's
/// "request body doesn't contain valid prompts", which each translation answers in its client's error shape.
/// </summary>
internal static class PromptDocument
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    /// <summary>The parsed body (the caller disposes it) and its <paramref name="messages"/>; null when the body
    /// is not JSON, not an object, or has no non-empty <c>messages</c> array.</summary>
    public static JsonDocument? Parse(ReadOnlyMemory<byte> body, out JsonElement messages)
    {
        messages = default;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException)
        {
            return null;
        }

        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("messages", out messages)
            && messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() > 0)
        {
            return document;
        }

        messages = default;
        document.Dispose();
        return null;
    }
}
