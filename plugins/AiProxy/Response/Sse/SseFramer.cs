using Gateway.Plugins.AiProxy.Buffers;

namespace Gateway.Plugins.AiProxy.Response.Sse;

/// <summary>
/// Kong's parse-sse-chunk, incremental: cuts an SSE byte stream into events however the chunks split it. Lines end
/// at <c>\n</c> (a trailing <c>\r</c> is dropped); since <c>\n</c> never occurs inside a multi-byte UTF-8
/// character, a character split across chunks is simply carried in the partial line. Complete lines inside a
/// chunk are read in place; only a line cut by a chunk boundary and the data of wanted events are copied.
/// </summary>
internal sealed class SseFramer(ISseEventSink sink) : IDisposable
{
    // Not readonly: BoundedBuffer is a mutable struct, and a readonly field would be written through a copy.
    private BoundedBuffer _partialLine = new(Limits.SseEventBytes);
    private BoundedBuffer _data = new(Limits.SseEventBytes);
    private SseEventKind _kind = SseEventKind.Unnamed;
    private bool _inEvent;

    public void Feed(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            var newline = chunk.IndexOf((byte)'\n');
            if (newline < 0)
            {
                _partialLine.Append(chunk);
                return;
            }

            if (_partialLine.Length > 0 || _partialLine.Truncated)
            {
                _partialLine.Append(chunk[..newline]);
                if (!_partialLine.Truncated)
                {
                    ProcessLine(_partialLine.WrittenSpan);
                }

                _partialLine.Clear();
            }
            else
            {
                ProcessLine(chunk[..newline]);
            }

            chunk = chunk[(newline + 1)..];
        }
    }

    public void Dispose()
    {
        _partialLine.Dispose();
        _data.Dispose();
    }

    private void ProcessLine(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.IsEmpty)
        {
            Dispatch();
            return;
        }

        if (line[0] == (byte)':')
        {
            return; // comment
        }

        var colon = line.IndexOf((byte)':');
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? [] : line[(colon + 1)..];
        if (!value.IsEmpty && value[0] == (byte)' ')
        {
            value = value[1..];
        }

        if (field.SequenceEqual("event"u8))
        {
            _kind = SseEventNames.Classify(value);
            _inEvent = true;
        }
        else if (field.SequenceEqual("data"u8))
        {
            _inEvent = true;
            if (sink.WantsData(_kind))
            {
                if (_data.Length > 0)
                {
                    _data.Append("\n"u8);
                }

                _data.Append(value);
            }
        }
    }

    private void Dispatch()
    {
        if (_inEvent && !_data.Truncated)
        {
            sink.OnEvent(_kind, _data.WrittenSpan);
        }

        _data.Clear();
        _kind = SseEventKind.Unnamed;
        _inEvent = false;
    }
}
