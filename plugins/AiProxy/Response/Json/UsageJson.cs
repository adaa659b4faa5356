using System.Text.Json;
using Gateway.Plugins.AiProxy.Statistics;

namespace Gateway.Plugins.AiProxy.Response.Json;

/// <summary>Reads an Anthropic <c>usage</c> object (the same shape in a message, a <c>message_start</c> and a
/// <c>message_delta</c>) into <see cref="TokenUsage"/>, replacing only the counts it carries.</summary>
internal static class UsageJson
{
    /// <summary>Reads the object the reader is positioned on (its StartObject) and leaves the reader on its end.</summary>
    public static void Read(ref Utf8JsonReader reader, TokenUsage usage)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            long? value = null;
            var name = Field(ref reader);
            reader.Read();
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var count))
            {
                value = count;
            }
            else
            {
                reader.Skip();
            }

            if (value is null)
            {
                continue;
            }

            switch (name)
            {
                case UsageField.Input: usage.InputTokens = value; break;
                case UsageField.Output: usage.OutputTokens = value; break;
                case UsageField.CacheCreation: usage.CacheCreationInputTokens = value; break;
                case UsageField.CacheRead: usage.CacheReadInputTokens = value; break;
                default: break;
            }
        }
    }

    private static UsageField Field(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("input_tokens"u8) ? UsageField.Input
        : reader.ValueTextEquals("output_tokens"u8) ? UsageField.Output
        : reader.ValueTextEquals("cache_creation_input_tokens"u8) ? UsageField.CacheCreation
        : reader.ValueTextEquals("cache_read_input_tokens"u8) ? UsageField.CacheRead
        : UsageField.Other;

    private enum UsageField
    {
        Other,
        Input,
        Output,
        CacheCreation,
        CacheRead,
    }
}
