using Gateway.Plugins.AiProxy.OpenAiUpstream.Response;
using Gateway.Plugins.AiProxy.Response.Sse;

namespace Gateway.Plugins.AiProxy.Response;

/// <summary>A streamed (SSE) body: events are read as they arrive, so first-token time is the arrival time.</summary>
internal sealed class SseBodySink : IBodySink
{
    private readonly AnthropicStreamReader? _reader;
    private readonly ChatStreamReader? _chatReader;
    private readonly SseFramer _framer;

    public SseBodySink(ResponseFacts facts, bool captureText, bool openAiWire = false)
    {
        if (openAiWire)
        {
            _chatReader = new ChatStreamReader(facts, captureText);
            _framer = new SseFramer(_chatReader);
        }
        else
        {
            _reader = new AnthropicStreamReader(facts, captureText);
            _framer = new SseFramer(_reader);
        }
    }

    public bool WantsMore => true;

    public void Write(ReadOnlySpan<byte> data, long timestamp)
    {
        if (_reader is not null)
        {
            _reader.Now = timestamp;
        }
        else
        {
            _chatReader!.Now = timestamp;
        }
        _framer.Feed(data);
    }

    public void Complete()
    {
        // An event without its closing blank line is incomplete by the SSE rules: it is not counted.
    }

    public void Dispose() => _framer.Dispose();
}
