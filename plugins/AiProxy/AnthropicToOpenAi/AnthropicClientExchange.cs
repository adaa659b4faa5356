using System.Text.Json;
using Gateway.Plugins.AiProxy.Buffers;
using Gateway.Plugins.AiProxy.Errors;
using Gateway.Plugins.AiProxy.OpenAi.Stream;
using Gateway.Plugins.AiProxy.Response.Sse;
using Microsoft.AspNetCore.Http;

namespace Gateway.Plugins.AiProxy.AnthropicToOpenAi;

/// <summary>
/// The response half of an Anthropic client on an OpenAI-compatible provider: what the client sees is rewritten
/// into Anthropic's shapes, while the statistics read the provider's OpenAI bytes before it. A stream is translated
/// event by event as chunks arrive; a one-shot answer or error is held (bounded) and written when complete.
/// </summary>
internal sealed class AnthropicClientExchange(string clientModel) : IDisposable
{
    private Mode _mode;
    private int _status;
    private PooledByteWriter? _body;
    private bool _truncated;
    private PooledByteWriter? _output;
    private AnthropicStreamWriter? _writer;
    private SseFramer? _framer;

    public void OnHeaders(HttpResponse response, ResponseSource source)
    {
        _status = response.StatusCode;
        if (source != ResponseSource.Upstream)
        {
            return; // ai-proxy's exits and rewritten gateway errors are already Anthropic's shape
        }

        var eventStream = response.ContentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true;
        _mode = _status >= 300 ? Mode.Error : eventStream ? Mode.Stream : Mode.Message;
        response.Headers.ContentLength = null;
        if (_mode == Mode.Stream)
        {
            _output = new PooledByteWriter();
            _writer = new AnthropicStreamWriter(_output, clientModel);
            _framer = new SseFramer(_writer);
        }
        else
        {
            response.ContentType = "application/json";
            _body = new PooledByteWriter();
        }
    }

    public void OnChunk(BodyChunk chunk)
    {
        if (_mode == Mode.None)
        {
            return;
        }

        if (_mode == Mode.Stream)
        {
            _output!.Clear();
            _framer!.Feed(chunk.Data.Span);
            if (chunk.IsEndOfStream)
            {
                _writer!.Complete();
            }

            chunk.Replace(_output.WrittenMemory);
            return;
        }

        if (_body!.WrittenCount + chunk.Data.Length > Limits.JsonResponseBytes)
        {
            _truncated = true;
        }
        else
        {
            _body.Write(chunk.Data.Span);
        }

        if (!chunk.IsEndOfStream)
        {
            chunk.Suppress();
            return;
        }

        chunk.Replace(Finish());
    }

    public void Dispose()
    {
        _body?.Dispose();
        _framer?.Dispose();
        _writer?.Dispose();
        _output?.Dispose();
    }

    private byte[] Finish()
    {
        if (_mode == Mode.Error)
        {
            return System.Text.Encoding.UTF8.GetBytes(TranslateError(_body!.WrittenMemory.Span, _status));
        }

        var translated = _truncated ? null : ChatToMessageWriter.Translate(_body!.WrittenMemory, clientModel);
        return translated ?? System.Text.Encoding.UTF8.GetBytes(AnthropicErrorBody.Create("api_error",
            _truncated ? $"The provider's answer is larger than {Limits.JsonResponseBytes} bytes and cannot be translated"
                : "The provider's answer could not be read as a chat completion"));
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

    private enum Mode
    {
        None,
        Message,
        Stream,
        Error,
    }
}
