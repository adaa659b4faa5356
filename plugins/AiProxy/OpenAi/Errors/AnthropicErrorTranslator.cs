using System.Text.Json;
using Gateway.Plugins.AiProxy.Errors;

namespace Gateway.Plugins.AiProxy.OpenAi.Errors;

/// <summary>
/// An Anthropic error body (<c>{"type":"error","error":{"type":..,"message":..}}</c>, from the provider or from the
/// gateway's own rewrite) in OpenAI's shape: the status stays, <c>error.type</c> and <c>error.message</c> are kept
/// word for word. A body that is not Anthropic's shape gets a message naming the status, never the raw bytes.
/// </summary>
internal static class AnthropicErrorTranslator
{
    public static string Translate(ReadOnlySpan<byte> anthropicBody, int status)
    {
        var (type, message) = Read(anthropicBody);
        return OpenAiErrorBody.Create(type ?? AnthropicErrorBody.TypeForStatus(status),
            message ?? $"The provider answered HTTP {status} without an error message");
    }

    private static (string? Type, string? Message) Read(ReadOnlySpan<byte> body)
    {
        string? type = null;
        string? message = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, null);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isError = reader.ValueTextEquals("error"u8);
                var isMessage = reader.ValueTextEquals("message"u8); // Kong's own {"message":..}
                reader.Read();
                if (isError && reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var field = reader.ValueTextEquals("type"u8) ? 1 : reader.ValueTextEquals("message"u8) ? 2 : 0;
                        reader.Read();
                        if (field != 0 && reader.TokenType == JsonTokenType.String)
                        {
                            if (field == 1)
                            {
                                type = reader.GetString();
                            }
                            else
                            {
                                message = reader.GetString();
                            }
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else if (isMessage && reader.TokenType == JsonTokenType.String)
                {
                    message ??= reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, a cut body): the caller falls back to the status.
        }

        return (type, message);
    }
}
