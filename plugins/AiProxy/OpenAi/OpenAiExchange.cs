using Gateway.Plugins.AiProxy.Buffers;
using Gateway.Plugins.AiProxy.OpenAi.Errors;
using Gateway.Plugins.AiProxy.OpenAi.Response;
using Gateway.Plugins.AiProxy.OpenAi.Stream;
using Gateway.Plugins.AiProxy.Request;
using Gateway.Plugins.AiProxy.Response.Sse;
using Microsoft.AspNetCore.Http;

namespace Gateway.Plugins.AiProxy.OpenAi;

/// <summary>
/// The response half of an <c>llm_format: openai</c> call: what the client sees is rewritten into OpenAI's shapes
/// while ai-proxy's statistics keep reading the Anthropic bytes before it (so the log's usage is Anthropic's).
/// A stream is translated event by event as chunks arrive; a one-shot body (message, models, error) is held
/// (bounded) and written once it is complete.
/// </summary>
internal sealed class OpenAiExchange(long created, string model, bool includeUsage) : IDisposable
{
    private Mode _mode;
    private int _status;
    private PooledByteWriter? _body;
    private bool _truncated;
    private PooledByteWriter? _output;
    private ChatChunkTranslator? _translator;
    private SseFramer? _framer;

    /// <summary>header_filter: decides how the body will be rewritten; its length changes, so it is dropped.</summary>
    public void OnHeaders(HttpResponse response, ResponseSource source, RequestKind kind)
    {
        _status = response.StatusCode;
        if (source == ResponseSource.Exit)
        {
            return; // ai-proxy's own exits are already in OpenAI's shape
        }

        var eventStream = response.ContentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true;
        _mode = source == ResponseSource.Error || _status >= 300 ? Mode.Error
            : eventStream && kind == RequestKind.Messages ? Mode.Stream
            : kind == RequestKind.Models ? Mode.Models
            : Mode.Message;
        response.Headers.ContentLength = null;
        if (_mode == Mode.Stream)
        {
            _output = new PooledByteWriter();
            _translator = new ChatChunkTranslator(_output, model, created, includeUsage);
            _framer = new SseFramer(_translator);
        }
        else
        {
            response.ContentType = "application/json";
            _body = new PooledByteWriter();
        }
    }

    /// <summary>body_filter, after the statistics have read the chunk (and after a gateway error was rewritten
    /// into Anthropic's shape, which is then translated like a provider's error).</summary>
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
                _translator!.Complete();
            }

            chunk.Replace(_output.WrittenMemory);
            return;
        }

        if (_body!.WrittenCount + chunk.Data.Length > Limits.JsonResponseBytes)
        {
            _truncated = true; // held back, bounded: the client gets an error instead of a cut body
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

        chunk.Replace(Finish(_body));
    }

    public void Dispose()
    {
        _body?.Dispose();
        _framer?.Dispose();
        _translator?.Dispose();
        _output?.Dispose();
    }

    private byte[] Finish(PooledByteWriter body)
    {
        if (_mode == Mode.Error)
        {
            return System.Text.Encoding.UTF8.GetBytes(AnthropicErrorTranslator.Translate(body.WrittenMemory.Span, _status));
        }

        var translated = _truncated ? null
            : _mode == Mode.Models ? ModelListWriter.Translate(body.WrittenMemory)
            : ChatCompletionWriter.Translate(body.WrittenMemory, created);
        return translated ?? System.Text.Encoding.UTF8.GetBytes(OpenAiErrorBody.Create("api_error",
            _truncated ? $"The provider's answer is larger than {Limits.JsonResponseBytes} bytes and cannot be translated"
                : "The provider's answer could not be read as an Anthropic message"));
    }

    private enum Mode
    {
        None,
        Message,
        Models,
        Stream,
        Error,
    }
}
