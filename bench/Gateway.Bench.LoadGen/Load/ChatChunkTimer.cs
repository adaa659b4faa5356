using System.Text.Json;

namespace Gateway.Bench.LoadGen.Load;

/// <summary>
/// Times an OpenAI Chat Completions stream as an OpenAI client reads it: the body is cut into SSE frames, each
/// <c>data:</c> payload is parsed as JSON, and a <c>chat.completion.chunk</c> whose <c>choices[0].delta.content</c>
/// is a non-empty string is a delta, stamped with the read that completed its frame (the role chunk's empty content
/// is not). The stream is complete when it ends with <c>data: [DONE]</c>, carried no error chunk and, when the
/// request set <c>stream_options.include_usage</c>, a usage chunk came before it.
/// </summary>
internal sealed class ChatChunkTimer(bool expectUsage) : DeltaClock
{
    private byte[] _frame = new byte[16 * 1024];
    private int _length;
    private bool _done;
    private bool _usage;
    private string? _error;

    public override string? Problem =>
        _error is not null ? "error chunk: " + _error
        : !_done ? "stream ended without data: [DONE]"
        : expectUsage && !_usage ? "no usage chunk before [DONE] although stream_options.include_usage was set"
        : _length > 0 ? "bytes after the last frame"
        : null;

    public override void Reset()
    {
        ResetClock();
        _length = 0;
        _done = _usage = false;
        _error = null;
    }

    public override void OnBody(ReadOnlySpan<byte> data, long timestamp)
    {
        if (_length + data.Length > _frame.Length)
        {
            Array.Resize(ref _frame, Math.Max(_frame.Length * 2, _length + data.Length));
        }

        data.CopyTo(_frame.AsSpan(_length));
        _length += data.Length;
        var consumed = 0;
        while (true)
        {
            var rest = _frame.AsSpan(consumed, _length - consumed);
            var end = rest.IndexOf("\n\n"u8);
            if (end < 0)
            {
                break;
            }

            OnFrame(rest[..end], timestamp);
            consumed += end + 2;
        }

        _frame.AsSpan(consumed, _length - consumed).CopyTo(_frame);
        _length -= consumed;
    }

    private void OnFrame(ReadOnlySpan<byte> frame, long timestamp)
    {
        foreach (var range in frame.Split((byte)'\n'))
        {
            var line = frame[range].TrimEnd((byte)'\r');
            if (!line.StartsWith("data:"u8))
            {
                continue;
            }

            var payload = line[5..].TrimStart((byte)' ');
            if (payload.SequenceEqual("[DONE]"u8))
            {
                _done = true;
            }
            else if (_done)
            {
                _error ??= "data after [DONE]";
            }
            else
            {
                OnChunk(payload, timestamp);
            }
        }
    }

    private void OnChunk(ReadOnlySpan<byte> json, long timestamp)
    {
        // Depths as Utf8JsonReader counts them: the chunk object 0, its properties 1, choices[i] 2, the delta's
        // properties 4. Only the first choice is read: the gateway answers with one.
        var reader = new Utf8JsonReader(json);
        var inDelta = false;
        var choice = -1;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject when reader.CurrentDepth == 2:
                        choice++;
                        break;
                    case JsonTokenType.PropertyName when reader.CurrentDepth == 1 && reader.ValueTextEquals("usage"u8):
                        reader.Read();
                        _usage |= reader.TokenType == JsonTokenType.StartObject;
                        reader.Skip();
                        break;
                    case JsonTokenType.PropertyName when reader.CurrentDepth == 1 && reader.ValueTextEquals("error"u8):
                        _error ??= System.Text.Encoding.UTF8.GetString(json);
                        return;
                    case JsonTokenType.PropertyName when reader.CurrentDepth == 3:
                        inDelta = choice == 0 && reader.ValueTextEquals("delta"u8);
                        break;
                    case JsonTokenType.PropertyName when reader.CurrentDepth == 4 && inDelta && reader.ValueTextEquals("content"u8):
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0)
                        {
                            Hit(timestamp);
                        }

                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            _error ??= "a data line that is not JSON: " + ex.Message;
        }
    }
}
