using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Gateway.MockAnthropic.Http;

namespace Gateway.MockAnthropic.Replies;

/// <summary>
/// Writes <c>event: NAME\ndata: JSON\n\n</c> frames straight into Kestrel's pipe and flushes each one, so
/// every event leaves as it is produced and nothing is copied or allocated per event.
/// </summary>
internal sealed class SseWriter
{
    private readonly PipeWriter _pipe;
    private readonly Utf8JsonWriter _json;
    private readonly int _eventLimit;
    private readonly Action _beforeLastEvent;
    private int _written;

    /// <param name="pipe">The response body.</param>
    /// <param name="eventLimit">Events to write before the connection is cut; -1 for no limit.</param>
    /// <param name="beforeLastEvent">Runs once before the last event goes out, so the exchange is recorded
    /// before the client can observe the end of the stream.</param>
    public SseWriter(PipeWriter pipe, int eventLimit, Action beforeLastEvent)
    {
        _pipe = pipe;
        _json = new Utf8JsonWriter(pipe, JsonDefaults.Writer);
        _eventLimit = eventLimit;
        _beforeLastEvent = beforeLastEvent;
    }

    /// <summary>Events flushed so far.</summary>
    public int Written => _written;

    /// <summary>Starts an event and returns the writer for its data object.</summary>
    /// <param name="name">Event name, ASCII.</param>
    /// <param name="last">True for the stream's final event (<c>message_stop</c> or <c>error</c>).</param>
    public Utf8JsonWriter Begin(ReadOnlySpan<byte> name, bool last = false)
    {
        if (last || _written + 1 == _eventLimit)
        {
            _beforeLastEvent();
        }

        _pipe.Write("event: "u8);
        _pipe.Write(name);
        _pipe.Write("\ndata: "u8);
        _json.Reset(_pipe);
        return _json;
    }

    /// <summary>Starts a data-only frame (<c>data: JSON\n\n</c>), the OpenAI stream's framing.</summary>
    /// <param name="last">True for the stream's final frame before <c>[DONE]</c> or the error frame.</param>
    public Utf8JsonWriter BeginData(bool last = false)
    {
        if (last || _written + 1 == _eventLimit)
        {
            _beforeLastEvent();
        }

        _pipe.Write("data: "u8);
        _json.Reset(_pipe);
        return _json;
    }

    /// <summary>Writes and flushes OpenAI's end marker <c>data: [DONE]</c>; it does not count as an event.</summary>
    public async ValueTask DoneAsync(CancellationToken cancellationToken)
    {
        _pipe.Write("data: [DONE]\n\n"u8);
        await _pipe.FlushAsync(cancellationToken);
    }

    /// <summary>Ends the event and flushes it to the socket.</summary>
    /// <exception cref="ScenarioDisconnectException">The <c>disconnect-after</c> budget is spent.</exception>
    public async ValueTask EndAsync(CancellationToken cancellationToken)
    {
        _json.Flush();
        _pipe.Write("\n\n"u8);
        await _pipe.FlushAsync(cancellationToken);
        _written++;
        if (_written == _eventLimit)
        {
            throw new ScenarioDisconnectException();
        }
    }
}
