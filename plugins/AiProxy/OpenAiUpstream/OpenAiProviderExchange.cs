using Gateway.Plugins.AiProxy.OpenAi.Errors;
using Gateway.Plugins.AiProxy.OpenAi.Stream;
using Gateway.Plugins.AiProxy.Response;
using Microsoft.AspNetCore.Http;

namespace Gateway.Plugins.AiProxy.OpenAiUpstream;

/// <summary>
/// The response half of a call to an OpenAI-compatible provider, as the client sees it. The provider's bytes pass
/// through, with two exceptions: a stream whose usage chunk the gateway asked for (the client did not) loses that
/// chunk, and a gateway-generated error (rewritten by ai-proxy into Anthropic's shape) is put into OpenAI's shape.
/// </summary>
internal sealed class OpenAiProviderExchange(bool clientAskedUsage) : IDisposable
{
    private UsageChunkFilter? _filter;
    private PooledByteWriter? _output;
    private PooledByteWriter? _error;
    private int _status;

    /// <summary>header_filter, after ai-proxy's own header work.</summary>
    public void OnHeaders(HttpResponse response, ResponseSource source)
    {
        _status = response.StatusCode;
        if (source == ResponseSource.Error)
        {
            _error = new PooledByteWriter();
            return;
        }

        var eventStream = response.ContentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true;
        if (source == ResponseSource.Upstream && eventStream && !clientAskedUsage && _status < 300)
        {
            response.Headers.ContentLength = null;
            _output = new PooledByteWriter();
            _filter = new UsageChunkFilter(_output);
        }
    }

    /// <summary>body_filter, after the statistics have read the provider's bytes.</summary>
    public void OnChunk(BodyChunk chunk)
    {
        if (_error is not null)
        {
            _error.Write(chunk.Data.Span);
            if (!chunk.IsEndOfStream)
            {
                chunk.Suppress();
                return;
            }

            chunk.Replace(System.Text.Encoding.UTF8.GetBytes(AnthropicErrorTranslator.Translate(_error.WrittenMemory.Span, _status)));
            return;
        }

        if (_filter is null)
        {
            return;
        }

        _output!.Clear();
        _filter.Feed(chunk.Data.Span);
        if (chunk.IsEndOfStream)
        {
            _filter.Complete();
        }

        chunk.Replace(_output.WrittenMemory);
    }

    public void Dispose()
    {
        _filter?.Dispose();
        _output?.Dispose();
        _error?.Dispose();
    }
}
