using System.Text.Json;
using Gateway.Plugins.AiProxy.Statistics;

namespace Gateway.Plugins.AiProxy.OpenAiUpstream.Response;

/// <summary>
/// Reads an OpenAI <c>usage</c> object into the Anthropic-shaped <see cref="TokenUsage"/> the statistics use:
/// <c>prompt_tokens</c> includes the cached ones, so uncached input = prompt − <c>prompt_tokens_details.cached_tokens</c>
/// and cache reads = cached (OpenAI has no cache writes). The log's prompt_tokens is then OpenAI's again.
/// </summary>
internal static class ChatUsageJson
{
    /// <summary>Reads the object the reader is on (a <c>null</c> usage is skipped) and leaves the reader on its end.</summary>
    /// <returns>Whether a usage object was read.</returns>
    public static bool Read(ref Utf8JsonReader reader, TokenUsage usage)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }

        long? prompt = null;
        long? completion = null;
        long cached = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("prompt_tokens"u8) ? 1
                : reader.ValueTextEquals("completion_tokens"u8) ? 2
                : reader.ValueTextEquals("prompt_tokens_details"u8) ? 3
                : 0;
            reader.Read();
            switch (field)
            {
                case 1 when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var p):
                    prompt = p;
                    break;
                case 2 when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var c):
                    completion = c;
                    break;
                case 3 when reader.TokenType == JsonTokenType.StartObject:
                    cached = ReadCached(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (prompt is { } total)
        {
            cached = Math.Clamp(cached, 0, total);
            usage.InputTokens = total - cached;
            usage.CacheReadInputTokens = cached;
        }

        if (completion is not null)
        {
            usage.OutputTokens = completion;
        }

        return prompt is not null || completion is not null;
    }

    private static long ReadCached(ref Utf8JsonReader reader)
    {
        long cached = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isCached = reader.ValueTextEquals("cached_tokens"u8);
            reader.Read();
            if (isCached && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value))
            {
                cached = value;
            }
            else
            {
                reader.Skip();
            }
        }

        return cached;
    }
}
