using Gateway.Plugins.AiProxy.Buffers;
using Gateway.Plugins.AiProxy.Statistics;

namespace Gateway.Plugins.AiProxy.Response;

/// <summary>What the response told us, gathered on the side while its bytes pass through untouched.</summary>
internal sealed class ResponseFacts : IDisposable
{
    public TokenUsage Usage { get; } = new();

    /// <summary>The <c>model</c> the upstream said it used.</summary>
    public string? Model { get; set; }

    /// <summary>An Anthropic error: the body of a non-2xx reply, or an <c>event: error</c> after HTTP 200.</summary>
    public string? ErrorType { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>Stopwatch timestamp of the first content event of a stream, or 0.</summary>
    public long FirstContentTimestamp { get; set; }

    /// <summary>The text a stream carried (<c>text_delta</c>s), kept only when payloads are logged.</summary>
    public BoundedBuffer StreamText { get; } = new(Limits.PayloadBytes);

    /// <summary>Set when the side reading gave up (bad gzip, unsupported encoding, malformed JSON).</summary>
    public string? ReadProblem { get; set; }

    public void Dispose() => StreamText.Dispose();
}
