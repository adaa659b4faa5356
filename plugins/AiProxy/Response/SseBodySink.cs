using Gateway.Plugins.AiProxy.Response.Sse;

namespace Gateway.Plugins.AiProxy.Response;

/// <summary>A streamed (SSE) body: events are read as they arrive, so first-token time is the arrival time.</summary>
internal sealed class SseBodySink : IBodySink
{
    private readonly AnthropicStreamReader _reader;
    private readonly SseFramer _framer;

    public SseBodySink(ResponseFacts facts, bool captureText)
    {
        _reader = new AnthropicStreamReader(facts, captureText);
        _framer = new SseFramer(_reader);
    }

    public bool WantsMore => true;

    public void Write(ReadOnlySpan<byte> data, long timestamp)
    {
        _reader.Now = timestamp;
        _framer.Feed(data);
    }

    public void Complete()
    {
        // An event without its closing blank line is incomplete by the SSE rules: it is not counted.
    }

    public void Dispose() => _framer.Dispose();
}
