using System.Text.Json;
using Gateway.Plugins.AiProxy.Statistics;

namespace Gateway.Plugins.AiProxy.OpenAi.Response;

/// <summary>
/// Anthropic usage as OpenAI's: the prompt is everything read (input + cache read + cache write, since Anthropic
/// counts them apart while OpenAI's prompt includes cached tokens), <c>cached_tokens</c> is the cache read. Kong
/// ignores the cache counts, so its prompt is short by all cached tokens.
/// </summary>
internal static class ChatUsageWriter
{
    public static void Write(Utf8JsonWriter writer, TokenUsage usage)
    {
        var cacheRead = usage.CacheReadInputTokens ?? 0;
        var prompt = (usage.InputTokens ?? 0) + cacheRead + (usage.CacheCreationInputTokens ?? 0);
        var completion = usage.OutputTokens ?? 0;
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, prompt);
        writer.WriteNumber("completion_tokens"u8, completion);
        writer.WriteNumber("total_tokens"u8, prompt + completion);
        writer.WriteStartObject("prompt_tokens_details"u8);
        writer.WriteNumber("cached_tokens"u8, cacheRead);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
