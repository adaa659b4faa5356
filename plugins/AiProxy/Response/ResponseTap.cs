using System.Diagnostics.CodeAnalysis;

namespace Gateway.Plugins.AiProxy.Response;

/// <summary>
/// Reads the response on the side: the client gets the upstream bytes untouched (zero-copy), while the tap decodes
/// them (gzip when the upstream compressed) into the SSE or JSON reader chosen from the response headers.
/// </summary>
internal sealed class ResponseTap : IDisposable
{
    private readonly IBodySink _sink;
    private readonly GzipSideInflater? _gzip;

    private ResponseTap(IBodySink sink, GzipSideInflater? gzip)
    {
        _sink = sink;
        _gzip = gzip;
    }

    /// <summary>The buffered body of a non-streamed response, or null for a stream.</summary>
    public JsonBodySink? JsonBody => _sink as JsonBodySink;

    /// <param name="openAiWire">The provider speaks OpenAI Chat Completions rather than Anthropic Messages.</param>
    /// <returns>Null when the content encoding cannot be read; <paramref name="facts"/> says why.</returns>
    public static ResponseTap? Create(ResponseFacts facts, string? contentType, string? contentEncoding, bool captureText,
        bool openAiWire = false)
    {
        if (!TryGzip(contentEncoding, out var gzip))
        {
            facts.ReadProblem = $"content-encoding '{contentEncoding}' cannot be read: no usage recorded";
            return null;
        }

        facts.EventStream = IsEventStream(contentType);
        IBodySink sink = facts.EventStream ? new SseBodySink(facts, captureText, openAiWire)
            : new JsonBodySink(facts, openAiWire ? OpenAiUpstream.Response.ChatBodyReader.Read : null);
        return new ResponseTap(sink, gzip ? new GzipSideInflater() : null);
    }

    public void Write(ReadOnlyMemory<byte> chunk, long timestamp)
    {
        if (_gzip is null)
        {
            if (_sink.WantsMore)
            {
                _sink.Write(chunk.Span, timestamp);
            }
        }
        else
        {
            _gzip.Inflate(chunk, _sink, timestamp);
        }
    }

    public void Complete(ResponseFacts facts)
    {
        if (_gzip?.Failed == true)
        {
            facts.ReadProblem = "gzip response could not be inflated: no usage recorded";
            return;
        }

        _sink.Complete();
    }

    public void Dispose()
    {
        _sink.Dispose();
        _gzip?.Dispose();
    }

    private static bool IsEventStream([NotNullWhen(true)] string? contentType) =>
        contentType is not null && contentType.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase);

    private static bool TryGzip(string? contentEncoding, out bool gzip)
    {
        var encoding = contentEncoding?.Trim();
        gzip = string.Equals(encoding, "gzip", StringComparison.OrdinalIgnoreCase)
            || string.Equals(encoding, "x-gzip", StringComparison.OrdinalIgnoreCase);
        return gzip || string.IsNullOrEmpty(encoding) || string.Equals(encoding, "identity", StringComparison.OrdinalIgnoreCase);
    }
}
