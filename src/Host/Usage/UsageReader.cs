using System.Buffers;
using System.IO.Compression;

namespace Gateway.Host.Usage;

/// <summary>Streams every input through the line splitter and the parser into one <see cref="UsageAggregator"/>.</summary>
internal sealed class UsageReader(UsageAggregator aggregator) : ILineSink
{
    /// <param name="openStandardInput">Where <c>-</c> reads from (the process's stdin; a test's stream).</param>
    /// <param name="progress">Told the bytes read so far of the current input; null when nobody watches.</param>
    public async Task ReadAsync(
        IReadOnlyList<LogInput> inputs,
        Func<Stream> openStandardInput,
        IReadProgress? progress,
        CancellationToken cancellationToken)
    {
        foreach (var input in inputs)
        {
            progress?.Start(input);
            try
            {
                if (input.Path is null)
                {
                    await using var stdin = openStandardInput();
                    await LogLineSplitter.ReadAsync(stdin, this, null, cancellationToken);
                }
                else
                {
                    await using var file = new FileStream(input.Path, new FileStreamOptions
                    {
                        Mode = FileMode.Open,
                        Access = FileAccess.Read,
                        // A live log stays writable (and rotatable) by the gateway while it is read.
                        Share = FileShare.ReadWrite | FileShare.Delete,
                        Options = FileOptions.SequentialScan,
                        BufferSize = 0,
                    });
                    Action? afterRead = progress is null ? null : () => progress.Advance(file.Position);
                    if (input.IsGzip)
                    {
                        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
                        await LogLineSplitter.ReadAsync(gzip, this, afterRead, cancellationToken);
                    }
                    else
                    {
                        await LogLineSplitter.ReadAsync(file, this, afterRead, cancellationToken);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                throw new UsageInputException($"cannot read {input.Name}: {ex.Message.ReplaceLineEndings(" ")}");
            }

            progress?.Finish(input);
        }
    }

    void ILineSink.OnLine(ReadOnlySequence<byte> line, bool unterminated)
    {
        var lines = aggregator.Lines;
        lines.Read++;
        if (IsBlank(line))
        {
            lines.Blank++;
            return;
        }

        if (!LogLineParser.TryParse(line, out var parsed))
        {
            if (unterminated)
            {
                lines.TruncatedLast++;
            }
            else
            {
                lines.Malformed++;
            }

            return;
        }

        aggregator.Add(parsed);
    }

    void ILineSink.OnTooLong()
    {
        aggregator.Lines.Read++;
        aggregator.Lines.TooLong++;
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            if (segment.Span.IndexOfAnyExcept((byte)' ', (byte)'\t') >= 0)
            {
                return false;
            }
        }

        return true;
    }
}
