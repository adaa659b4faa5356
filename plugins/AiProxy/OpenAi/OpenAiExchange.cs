using Gateway.Plugins.AiProxy.OpenAi.Errors;
using Gateway.Plugins.AiProxy.OpenAi.Response;
using Gateway.Plugins.AiProxy.OpenAi.Stream;
using Gateway.Plugins.AiProxy.Request;
using Gateway.Plugins.AiProxy.Translation;
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
    private readonly TranslatedBody _body = new();
    private int _status;
    private bool _error;
    private bool _models;

    /// <summary>header_filter: decides how the body will be rewritten.</summary>
    public void OnHeaders(HttpResponse response, ResponseSource source, RequestKind kind)
    {
        _status = response.StatusCode;
        if (source == ResponseSource.Exit)
        {
            return; // ai-proxy's own exits are already in OpenAI's shape
        }

        _error = source == ResponseSource.Error || _status >= 300;
        _models = kind == RequestKind.Models;
        if (!_error && kind == RequestKind.Messages && TranslatedBody.IsEventStream(response))
        {
            _body.Stream(response, output => new ChatChunkTranslator(output, model, created, includeUsage));
        }
        else
        {
            _body.Hold(response);
        }
    }

    /// <summary>body_filter, after the statistics have read the chunk (and after a gateway error was rewritten
    /// into Anthropic's shape, which is then translated like a provider's error).</summary>
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
        if (_error)
        {
            return System.Text.Encoding.UTF8.GetBytes(AnthropicErrorTranslator.Translate(_body.Held.Span, _status));
        }

        var translated = _body.Truncated ? null
            : _models ? ModelListWriter.Translate(_body.Held)
            : ChatCompletionWriter.Translate(_body.Held, created);
        return translated ?? System.Text.Encoding.UTF8.GetBytes(OpenAiErrorBody.Create("api_error",
            _body.Truncated ? TranslatedBody.TooLargeMessage : "The provider's answer could not be read as an Anthropic message"));
    }
}
