using Gateway.Plugins.AiProxy.Buffers;
using Gateway.Plugins.AiProxy.OpenAi.Stream;
using Gateway.Plugins.AiProxy.Response.Sse;
using Microsoft.AspNetCore.Http;

namespace Gateway.Plugins.AiProxy.Translation;

/// <summary>
/// The body half both format translations share (OpenAI clients on Anthropic, Anthropic clients on OpenAI): a
/// stream is cut into events and translated as each chunk arrives, never held; a one-shot body (answer, error,
/// model list) is held, bounded by <see cref="Limits.JsonResponseBytes"/>, until it is complete, and then replaced
/// by the caller's translation. Its length changes either way, so <c>Content-Length</c> is dropped.
/// </summary>
internal sealed class TranslatedBody : IDisposable
{
    private PooledByteWriter? _held;
    private PooledByteWriter? _output;
    private IStreamTranslator? _translator;
    private SseFramer? _framer;

    /// <summary>The client is told this instead of a cut body when a one-shot answer is over the bound.</summary>
    public static string TooLargeMessage { get; } =
        $"The provider's answer is larger than {Limits.JsonResponseBytes} bytes and cannot be translated";

    /// <summary>Whether the held body went over the bound (and so is incomplete).</summary>
    public bool Truncated { get; private set; }

    /// <summary>The held one-shot body, complete once <see cref="OnChunk"/> returned true.</summary>
    public ReadOnlyMemory<byte> Held => _held is null ? default : _held.WrittenMemory;

    public static bool IsEventStream(HttpResponse response) =>
        response.ContentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>header_filter: the body is a stream, translated by what <paramref name="create"/> makes over the output.</summary>
    public void Stream(HttpResponse response, Func<PooledByteWriter, IStreamTranslator> create)
    {
        response.Headers.ContentLength = null;
        _output = new PooledByteWriter();
        _translator = create(_output);
        _framer = new SseFramer(_translator);
    }

    /// <summary>header_filter: the body is one JSON document, held until it is complete.</summary>
    public void Hold(HttpResponse response)
    {
        response.Headers.ContentLength = null;
        response.ContentType = "application/json";
        _held = new PooledByteWriter();
    }

    /// <summary>
    /// body_filter. A stream chunk is replaced by its translation at once; a held chunk is suppressed, and the last
    /// one returns true: the caller then replaces it with the translation of <see cref="Held"/>.
    /// </summary>
    public bool OnChunk(BodyChunk chunk)
    {
        if (_framer is not null)
        {
            _output!.Clear();
            _framer.Feed(chunk.Data.Span);
            if (chunk.IsEndOfStream)
            {
                _translator!.Complete();
            }

            chunk.Replace(_output.WrittenMemory);
            return false;
        }

        if (_held is null)
        {
            return false; // not rewritten: the gateway's own answers are already in the client's shape
        }

        if (_held.WrittenCount + chunk.Data.Length > Limits.JsonResponseBytes)
        {
            Truncated = true; // held back, bounded: the client gets an error instead of a cut body
        }
        else
        {
            _held.Write(chunk.Data.Span);
        }

        if (!chunk.IsEndOfStream)
        {
            chunk.Suppress();
            return false;
        }

        return true;
    }

    public void Dispose()
    {
        _held?.Dispose();
        _framer?.Dispose();
        _translator?.Dispose();
        _output?.Dispose();
    }
}
