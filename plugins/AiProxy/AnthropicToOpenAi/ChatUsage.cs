using System.Text.Json;
using Gateway.Plugins.AiProxy.OpenAiUpstream.Response;
using Gateway.Plugins.AiProxy.Statistics;

namespace Gateway.Plugins.AiProxy.AnthropicToOpenAi;

/// <summary>Writes an Anthropic <c>usage</c> object from OpenAI's counts: cached prompt tokens are cache reads, the
/// rest of the prompt is input; OpenAI has no cache writes.</summary>
internal static class ChatUsage
{
    public static TokenUsage Read(ref Utf8JsonReader reader)
    {
        var usage = new TokenUsage();
        ChatUsageJson.Read(ref reader, usage);
        return usage;
    }

    public static TokenUsage From(JsonElement usage)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(usage.GetRawText()));
        reader.Read();
        return Read(ref reader);
    }

    public static void Write(Utf8JsonWriter w, TokenUsage? usage)
    {
        w.WriteStartObject("usage"u8);
        w.WriteNumber("input_tokens"u8, usage?.InputTokens ?? 0);
        w.WriteNumber("cache_creation_input_tokens"u8, 0);
        w.WriteNumber("cache_read_input_tokens"u8, usage?.CacheReadInputTokens ?? 0);
        w.WriteNumber("output_tokens"u8, usage?.OutputTokens ?? 0);
        w.WriteEndObject();
    }
}
