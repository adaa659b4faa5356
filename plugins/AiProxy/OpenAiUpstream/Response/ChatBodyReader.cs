using System.Text.Json;
using Gateway.Plugins.AiProxy.Response;
using Gateway.Plugins.AiProxy.Response.Json;

namespace Gateway.Plugins.AiProxy.OpenAiUpstream.Response;

/// <summary>Reads a complete Chat Completions body (or an OpenAI error): top-level <c>model</c>, <c>usage</c>, <c>error</c>.</summary>
internal static class ChatBodyReader
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
                var field = reader.ValueTextEquals("model"u8) ? 1 : reader.ValueTextEquals("usage"u8) ? 2
                    : reader.ValueTextEquals("error"u8) ? 3 : 0;
                reader.Read();
                switch (field)
                {
                    case 1:
                        facts.Model = JsonValues.StringOrSkip(ref reader);
                        break;
                    case 2:
                        ChatUsageJson.Read(ref reader, facts.Usage);
                        break;
                    case 3:
                        JsonValues.ReadError(ref reader, facts);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (JsonException)
        {
            facts.ReadProblem = "response body is not valid JSON";
        }
    }
}
