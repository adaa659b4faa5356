using System.Text.Json;

namespace Gateway.Plugins.AiProxy.Response.Json;

/// <summary>
/// Reads a complete non-streamed JSON body: a Message's <c>model</c> and <c>usage</c>, or an error's
/// <c>error</c>. Top-level fields only, in any order; content is skipped without being materialized.
/// </summary>
internal static class MessageBodyReader
{
    public static void Read(ReadOnlySpan<byte> body, ResponseFacts facts)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                facts.ReadProblem = "response body is not a JSON object";
                return;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("model"u8))
                {
                    reader.Read();
                    facts.Model = JsonValues.StringOrSkip(ref reader);
                }
                else if (reader.ValueTextEquals("usage"u8))
                {
                    reader.Read();
                    UsageJson.Read(ref reader, facts.Usage);
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    JsonValues.ReadError(ref reader, facts);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            facts.ReadProblem = "response body is not valid JSON";
        }
    }
}
