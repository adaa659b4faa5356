using System.Text.Json;
using Gateway.Plugins.AiProxy.Buffers;
using Gateway.Plugins.AiProxy.OpenAi.Stream;

namespace Gateway.Plugins.AiProxy.OpenAiUpstream;

/// <summary>
/// Passes an OpenAI event stream through event by event, leaving out the usage-only chunk
/// (<c>"choices":[]</c> with a <c>usage</c> object) that the gateway asked for and the client did not. Every other
/// byte goes out as the provider sent it; only the event being received is held, never the stream.
/// </summary>
internal sealed class UsageChunkFilter(PooledByteWriter output) : IDisposable
{
    private readonly PooledByteWriter _event = new();
    private bool _lineHasContent;
    private bool _passing;

    public void Feed(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            var newline = chunk.IndexOf((byte)'\n');
            var piece = newline < 0 ? chunk : chunk[..(newline + 1)];
            chunk = chunk[piece.Length..];
            if (_passing)
            {
                // An event too large to be a usage chunk goes out as it comes.
                output.Write(piece);
            }
            else
            {
                _event.Write(piece);
                if (_event.WrittenCount > Limits.SseEventBytes)
                {
                    output.Write(_event.WrittenMemory.Span);
                    _event.Clear();
                    _passing = true;
                }
            }

            // A line holding nothing but a CR is blank too (CRLF framing), however the chunks split it.
            var content = newline < 0 ? piece : piece[..^1];
            _lineHasContent |= content.IndexOfAnyExcept((byte)'\r') >= 0;
            if (newline < 0)
            {
                return;
            }

            var blank = !_lineHasContent;
            _lineHasContent = false;
            if (blank)
            {
                EndEvent();
            }
        }
    }

    /// <summary>The stream ended: an unfinished event is not a usage chunk anyone can read, so it goes out as is.</summary>
    public void Complete()
    {
        output.Write(_event.WrittenMemory.Span);
        _event.Clear();
    }

    public void Dispose() => _event.Dispose();

    private void EndEvent()
    {
        if (!_passing && !IsUsageOnly(_event.WrittenMemory.Span))
        {
            output.Write(_event.WrittenMemory.Span);
        }

        _event.Clear();
        _passing = false;
    }

    private static bool IsUsageOnly(ReadOnlySpan<byte> frame)
    {
        while (!frame.IsEmpty)
        {
            var newline = frame.IndexOf((byte)'\n');
            var line = newline < 0 ? frame : frame[..newline];
            frame = newline < 0 ? [] : frame[(newline + 1)..];
            if (line.StartsWith("data:"u8))
            {
                var data = line[5..].Trim(" \r"u8);
                return IsUsageOnlyJson(data);
            }
        }

        return false;
    }

    private static bool IsUsageOnlyJson(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new Utf8JsonReader(data);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var emptyChoices = false;
            var usage = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isChoices = reader.ValueTextEquals("choices"u8);
                var isUsage = !isChoices && reader.ValueTextEquals("usage"u8);
                reader.Read();
                if (isChoices)
                {
                    emptyChoices = reader.TokenType == JsonTokenType.StartArray && reader.Read() && reader.TokenType == JsonTokenType.EndArray;
                    if (!emptyChoices)
                    {
                        return false;
                    }
                }
                else
                {
                    usage |= isUsage && reader.TokenType == JsonTokenType.StartObject;
                    reader.Skip();
                }
            }

            return emptyChoices && usage;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
