using Gateway.Plugins.AiProxy.Buffers;
using Gateway.Plugins.AiProxy.Response.Json;

namespace Gateway.Plugins.AiProxy.Response;

/// <summary>A non-streamed body: buffered (bounded) and read once it is complete.</summary>
internal sealed class JsonBodySink(ResponseFacts facts, JsonBodySink.BodyReader? read = null) : IBodySink
{
    // Not readonly: BoundedBuffer is a mutable struct, and a readonly field would be written through a copy.
    private BoundedBuffer _body = new(Limits.JsonResponseBytes);

    /// <summary>Reads a complete body into the facts; Anthropic's message reader unless another wire format is read.</summary>
    public delegate void BodyReader(ReadOnlySpan<byte> body, ResponseFacts facts);

    /// <summary>The decoded body as buffered, for payload logging.</summary>
    public ReadOnlySpan<byte> Body => _body.WrittenSpan;

    public bool Truncated => _body.Truncated;

    public bool WantsMore => !_body.Truncated;

    public void Write(ReadOnlySpan<byte> data, long timestamp) => _body.Append(data);

    public void Complete()
    {
        if (_body.Truncated)
        {
            facts.ReadProblem = $"response body larger than {Limits.JsonResponseBytes} bytes: usage not read";
            return;
        }

        if (_body.Length > 0)
        {
            (read ?? MessageBodyReader.Read)(_body.WrittenSpan, facts);
        }
    }

    public void Dispose() => _body.Dispose();
}
