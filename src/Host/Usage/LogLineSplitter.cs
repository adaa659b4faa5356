using System.Buffers;
using System.IO.Pipelines;

namespace Gateway.Host.Usage;

/// <summary>
/// Splits a stream into lines with a <see cref="PipeReader"/>: the lines are handed over as slices of its pooled
/// buffers, so memory is bounded by the longest line (capped at <see cref="MaxLineBytes"/>), not by the input.
/// </summary>
internal static class LogLineSplitter
{
    /// <summary>
    /// ai-proxy caps each logged payload at 64 KiB, so a real line stays far below this; a longer one is not a
    /// file-log line and is skipped rather than held.
    /// </summary>
    public const int MaxLineBytes = 16 * 1024 * 1024;

    public static async Task ReadAsync(Stream input, ILineSink sink, Action? afterRead, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(input, new StreamPipeReaderOptions(bufferSize: 128 * 1024, minimumReadSize: 32 * 1024, leaveOpen: true));
        var skipping = false;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                afterRead?.Invoke();
                while (TryReadLine(ref buffer, out var line))
                {
                    if (skipping)
                    {
                        // The tail of a too-long line: it was counted when skipping began.
                        skipping = false;
                    }
                    else if (line.Length > MaxLineBytes)
                    {
                        // Its line break came in the same read that took it past the cap.
                        sink.OnTooLong();
                    }
                    else
                    {
                        sink.OnLine(line, unterminated: false);
                    }
                }

                if (!skipping && buffer.Length > MaxLineBytes)
                {
                    skipping = true;
                    sink.OnTooLong();
                }

                if (skipping)
                {
                    buffer = buffer.Slice(buffer.End);
                }

                if (result.IsCompleted)
                {
                    if (!skipping && buffer.Length > 0)
                    {
                        sink.OnLine(TrimCarriageReturn(buffer), unterminated: true);
                    }

                    reader.AdvanceTo(buffer.End);
                    return;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var end = buffer.PositionOf((byte)'\n');
        if (end is not { } position)
        {
            line = default;
            return false;
        }

        line = TrimCarriageReturn(buffer.Slice(0, position));
        buffer = buffer.Slice(buffer.GetPosition(1, position));
        return true;
    }

    private static ReadOnlySequence<byte> TrimCarriageReturn(ReadOnlySequence<byte> line)
    {
        if (line.IsEmpty)
        {
            return line;
        }

        var last = line.Slice(line.Length - 1);
        return last.FirstSpan[0] == (byte)'\r' ? line.Slice(0, line.Length - 1) : line;
    }
}
