using Gateway.Bench.LoadGen.Http;

namespace Gateway.Bench.LoadGen.Load;

/// <summary>Counts body bytes (a non-streamed answer must have one).</summary>
internal sealed class ByteCounter : IBodyObserver
{
    public long Bytes { get; private set; }

    public void Reset() => Bytes = 0;

    public void OnBody(ReadOnlySpan<byte> data, long timestamp) => Bytes += data.Length;
}

/// <summary>Times the content deltas of one stream at a time (reset between streams).</summary>
internal interface IStreamTimer : IBodyObserver
{
    int Deltas { get; }

    long FirstDelta { get; }

    long MaxGap { get; }

    Samples? Gaps { get; set; }

    /// <summary>Why the stream that just ended is not a complete answer, or null.</summary>
    string? Problem { get; }

    void Reset();
}

/// <summary>The clock of a stream's deltas: the first one's time, the gaps between them, the largest gap.</summary>
internal abstract class DeltaClock : IStreamTimer
{
    public int Deltas { get; private set; }

    public long FirstDelta { get; private set; }

    public long LastDelta { get; private set; }

    public long MaxGap { get; private set; }

    /// <summary>Gaps between consecutive deltas, recorded when set.</summary>
    public Samples? Gaps { get; set; }

    public abstract string? Problem { get; }

    public abstract void Reset();

    public abstract void OnBody(ReadOnlySpan<byte> data, long timestamp);

    protected void ResetClock()
    {
        Deltas = 0;
        FirstDelta = LastDelta = MaxGap = 0;
    }

    /// <summary>A delta arrived with the read stamped <paramref name="timestamp"/>.</summary>
    protected void Hit(long timestamp)
    {
        if (Deltas == 0)
        {
            FirstDelta = timestamp;
        }
        else
        {
            var gap = timestamp - LastDelta;
            Gaps?.Add(gap);
            MaxGap = Math.Max(MaxGap, gap);
        }

        LastDelta = timestamp;
        Deltas++;
    }
}

/// <summary>
/// Times the text deltas of an Anthropic stream as the client sees them: each <c>"content_block_delta"</c> gets the
/// timestamp of the read that completed it. A pattern split across reads is found through a small carry-over.
/// </summary>
internal sealed class DeltaTimer : DeltaClock
{
    private static readonly byte[] Pattern = "\"content_block_delta\""u8.ToArray();
    private readonly byte[] _scratch = new byte[64 * 1024 + 64];
    private int _carry;

    /// <summary>The delta count is the whole check of an Anthropic stream.</summary>
    public override string? Problem => null;

    public override void Reset()
    {
        ResetClock();
        _carry = 0;
    }

    public override void OnBody(ReadOnlySpan<byte> data, long timestamp)
    {
        // Scan carry + data; keep the last Pattern.Length - 1 bytes for the next read.
        while (!data.IsEmpty)
        {
            var take = Math.Min(data.Length, _scratch.Length - _carry);
            data[..take].CopyTo(_scratch.AsSpan(_carry));
            var window = _scratch.AsSpan(0, _carry + take);
            data = data[take..];
            var offset = 0;
            while (true)
            {
                var index = window[offset..].IndexOf(Pattern);
                if (index < 0)
                {
                    break;
                }

                Hit(timestamp);
                offset += index + Pattern.Length;
            }

            var keep = Math.Min(Pattern.Length - 1, window.Length - offset);
            window[^keep..].CopyTo(_scratch);
            _carry = keep;
        }
    }
}
