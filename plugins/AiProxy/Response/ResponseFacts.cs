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

    /// <summary>Request-clock time (<see cref="PluginContext.Elapsed"/> ticks) of the first content event of a stream, or 0.</summary>
    public long FirstContentTimestamp { get; set; }

    /// <summary>The response is an event stream (its completeness is <see cref="MessageStopped"/>).</summary>
    public bool EventStream { get; set; }

    /// <summary>The stream's <c>message_stop</c> arrived: the message is complete.</summary>
    public bool MessageStopped { get; set; }

    /// <summary>A <c>message_delta</c> arrived, so <see cref="Usage"/> holds the final output count rather than
    /// <c>message_start</c>'s provisional one.</summary>
    public bool FinalUsageSeen { get; set; }

    /// <summary>Set when a usage count arrived (a stream's <c>message_start</c> or <c>message_delta</c>): the body
    /// filter publishes the usage so far and clears it. A flag, so the streaming path allocates nothing per chunk.</summary>
    public bool UsageChanged { get; set; }

    /// <summary>The <c>usage_problem</c> note once a stream cut before its final usage was counted by its deltas, so
    /// the count is made once however often the statistics are built.</summary>
    public string? SeenOutputNote { get; set; }

    /// <summary>Content deltas that carried output (text, thinking or tool input; not signatures or the empty
    /// first tool-input piece): at least one token each, what a stream cut before <c>message_delta</c> is counted by.</summary>
    public long OutputDeltas { get; set; }

    /// <summary>The text a stream carried (<c>text_delta</c>s), kept only when payloads are logged. A field, not a
    /// property: the buffer is a mutable struct, written in place.</summary>
    public BoundedBuffer StreamText = new(Limits.PayloadBytes);

    /// <summary>Set when the side reading gave up (bad gzip, unsupported encoding, malformed JSON).</summary>
    public string? ReadProblem { get; set; }

    public void Dispose() => StreamText.Dispose();
}
