using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Request;

namespace Gateway.Plugins.AiProxy.OpenAiUpstream;

/// <summary>
/// Makes a streamed Chat Completions request ask for its usage (<c>stream_options.include_usage: true</c>), since
/// OpenAI-compatible servers report tokens in a stream only then. The client's other stream options are kept.
/// </summary>
internal static class StreamOptionsPatch
{
    private static readonly byte[] Name = "\"stream_options\""u8.ToArray();
    private static readonly byte[] IncludeUsageOnly = "{\"include_usage\":true}"u8.ToArray();

    /// <returns>Whether the client asked for usage itself, and the patch when it did not (null when it did).</returns>
    public static (bool ClientAsked, BodyPatch? Patch) For(ReadOnlySpan<byte> body)
    {
        var (range, value) = Find(body);
        if (range is null)
        {
            return (false, new BodyPatch(Name, IncludeUsageOnly, null));
        }

        if (value is not JsonObject options)
        {
            return (false, new BodyPatch(Name, IncludeUsageOnly, range));
        }

        if (options["include_usage"] is JsonValue asked && asked.GetValueKind() == JsonValueKind.True)
        {
            return (true, null);
        }

        options["include_usage"] = true;
        return (false, new BodyPatch(Name, JsonSerializer.SerializeToUtf8Bytes(options), range));
    }

    private static (ValueRange? Range, JsonNode? Value) Find(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return (null, null);
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isOptions = reader.ValueTextEquals("stream_options"u8);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            if (!isOptions)
            {
                reader.Skip();
                continue;
            }

            var copy = reader;
            reader.Skip();
            var range = new ValueRange(start, (int)reader.BytesConsumed);
            return (range, JsonNode.Parse(ref copy));
        }

        return (null, null);
    }
}
