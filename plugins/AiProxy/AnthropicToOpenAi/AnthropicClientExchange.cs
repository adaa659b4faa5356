using System.Text.Json;
using Gateway.Plugins.AiProxy.Errors;
using Gateway.Plugins.AiProxy.Translation;
using Microsoft.AspNetCore.Http;

namespace Gateway.Plugins.AiProxy.AnthropicToOpenAi;

/// <summary>
/// The response half of an Anthropic client on an OpenAI-compatible provider: what the client sees is rewritten
/// into Anthropic's shapes, while the statistics read the provider's OpenAI bytes before it. A stream is translated
/// event by event as chunks arrive; a one-shot answer or error is held (bounded) and written when complete.
/// </summary>
internal sealed class AnthropicClientExchange(string clientModel) : IDisposable
{
    private readonly TranslatedBody _body = new();
    private int _status;

    public void OnHeaders(HttpResponse response, ResponseSource source)
    {
        _status = response.StatusCode;
        if (source != ResponseSource.Upstream)
        {
            return; // ai-proxy's exits and rewritten gateway errors are already Anthropic's shape
        }

        if (_status < 300 && TranslatedBody.IsEventStream(response))
        {
            _body.Stream(response, output => new AnthropicStreamWriter(output, clientModel));
        }
        else
        {
            _body.Hold(response);
        }
    }

    public void OnChunk(BodyChunk chunk)
    {
        if (_body.OnChunk(chunk))
        {
            chunk.Replace(Finish());
        }
    }

    public void Dispose() => _body.Dispose();

    private byte[] Finish()
    {
        if (_status >= 300)
        {
            return System.Text.Encoding.UTF8.GetBytes(TranslateError(_body.Held.Span, _status));
        }

        var translated = _body.Truncated ? null : ChatToMessageWriter.Translate(_body.Held, clientModel);
        return translated ?? System.Text.Encoding.UTF8.GetBytes(AnthropicErrorBody.Create("api_error",
            _body.Truncated ? TranslatedBody.TooLargeMessage : "The provider's answer could not be read as a chat completion"));
    }

    /// <summary>An OpenAI error (or any body) as Anthropic's error: status kept, message kept word for word.</summary>
    internal static string TranslateError(ReadOnlySpan<byte> body, int status)
    {
        string? type = null, code = null, message = null;
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.Object)
                {
                    type = Text(error, "type");
                    code = Text(error, "code");
                    message = Text(error, "message");
                }
                else if (error.ValueKind == JsonValueKind.String)
                {
                    message = error.GetString(); // Ollama's {"error":"model not found"}
                }
            }
        }
        catch (JsonException)
        {
            // not JSON: the status speaks
        }

        return AnthropicErrorBody.Create(ErrorTypes.FromOpenAi(type, code, status),
            message ?? $"The provider answered HTTP {status} without an error message");
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
