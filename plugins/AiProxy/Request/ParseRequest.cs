using System.Text.Json;

namespace Gateway.Plugins.AiProxy.Request;

/// <summary>
/// Kong's parse-request for an Anthropic body: one forward pass of Utf8JsonReader over the whole body, which both
/// validates it as JSON and records the top-level fields the gateway checks. Message content is skipped, never
/// materialized, so a 500 KB Claude Code body costs no allocations beyond the model name.
/// </summary>
internal static class ParseRequest
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 256 };

    /// <returns>The facts, with <see cref="RequestBodyFacts.IsJsonObject"/> false when the body is not one JSON object.</returns>
    public static RequestBodyFacts Parse(ReadOnlySpan<byte> body) => Parse(body, null);

    /// <param name="body">The request body.</param>
    /// <param name="pinned">The configured model: a body naming exactly it gets this instance as its
    /// <see cref="RequestBodyFacts.Model"/> instead of a newly decoded copy (Claude Code names it on every call).</param>
    public static RequestBodyFacts Parse(ReadOnlySpan<byte> body, PinnedModel? pinned)
    {
        var facts = new RequestBodyFacts();
        try
        {
            var reader = new Utf8JsonReader(body, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return facts;
            }

            facts.ObjectStart = (int)reader.TokenStartIndex;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                ReadProperty(ref reader, facts, pinned);
            }

            // Trailing content after the object makes Read throw: the body must be exactly one JSON value.
            reader.Read();
            facts.IsJsonObject = true;
        }
        catch (JsonException)
        {
            facts.IsJsonObject = false;
        }

        return facts;
    }

    private static void ReadProperty(ref Utf8JsonReader reader, RequestBodyFacts facts, PinnedModel? pinned)
    {
        var field = Field(ref reader);
        reader.Read();
        var start = (int)reader.TokenStartIndex;
        switch (field)
        {
            case BodyField.Model:
                facts.Model = reader.TokenType != JsonTokenType.String ? null
                    // ValueTextEquals compares the unescaped value, so an escaped spelling of the same name matches too.
                    : pinned is not null && reader.ValueTextEquals(pinned.Utf8) ? pinned.Name
                    : reader.GetString();
                facts.ModelIsNotString = reader.TokenType != JsonTokenType.String;
                break;
            case BodyField.Stream:
                facts.Stream = reader.TokenType == JsonTokenType.True;
                break;
            case BodyField.Messages:
                facts.HasMessages = SkipArrayReportingNonEmpty(ref reader);
                return;
            default:
                break;
        }

        reader.Skip();
        var range = new ValueRange(start, (int)reader.BytesConsumed);
        switch (field)
        {
            case BodyField.Model: facts.ModelValue = range; break;
            case BodyField.Stream: facts.StreamValue = range; break;
            case BodyField.MaxTokens: facts.MaxTokensValue = range; break;
            case BodyField.Temperature: facts.TemperatureValue = range; break;
            case BodyField.TopP: facts.TopPValue = range; break;
            case BodyField.TopK: facts.TopKValue = range; break;
            default: break;
        }
    }

    private static bool SkipArrayReportingNonEmpty(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return false;
        }

        var depth = reader.CurrentDepth;
        reader.Read();
        var nonEmpty = reader.TokenType != JsonTokenType.EndArray;
        while (!(reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth))
        {
            reader.Skip();
            reader.Read();
        }

        return nonEmpty;
    }

    private static BodyField Field(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("messages"u8) ? BodyField.Messages
        : reader.ValueTextEquals("model"u8) ? BodyField.Model
        : reader.ValueTextEquals("stream"u8) ? BodyField.Stream
        : reader.ValueTextEquals("max_tokens"u8) ? BodyField.MaxTokens
        : reader.ValueTextEquals("temperature"u8) ? BodyField.Temperature
        : reader.ValueTextEquals("top_p"u8) ? BodyField.TopP
        : reader.ValueTextEquals("top_k"u8) ? BodyField.TopK
        : BodyField.Other;

    private enum BodyField
    {
        Other,
        Messages,
        Model,
        Stream,
        MaxTokens,
        Temperature,
        TopP,
        TopK,
    }
}
