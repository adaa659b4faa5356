using System.Diagnostics;

namespace Gateway.Bench.LoadGen.Load;

/// <summary>
/// Latency samples in Stopwatch ticks. Percentiles come from the sorted samples (exact, HDR-style nearest rank):
/// a run keeps at most a few hundred thousand samples, so sorting costs less than a histogram's error.
/// </summary>
internal sealed class Samples
{
    private long[] _values;
    private int _count;
    private bool _sorted;

    public Samples(int capacity = 1024) => _values = new long[Math.Max(16, capacity)];

    public int Count => _count;

    public void Add(long ticks)
    {
        if (_count == _values.Length)
        {
            Array.Resize(ref _values, _values.Length * 2);
        }

        _values[_count++] = ticks;
        _sorted = false;
    }

    public void AddRange(Samples other)
    {
        for (var i = 0; i < other._count; i++)
        {
            Add(other._values[i]);
        }
    }

    /// <summary>Nearest-rank percentile in microseconds; NaN without samples.</summary>
    public double PercentileMicros(double percentile)
    {
        if (_count == 0)
        {
            return double.NaN;
        }

        if (!_sorted)
        {
            Array.Sort(_values, 0, _count);
            _sorted = true;
        }

        var rank = (int)Math.Ceiling(percentile / 100.0 * _count);
        var index = Math.Clamp(rank - 1, 0, _count - 1);
        return TicksToMicros(_values[index]);
    }

    public double MaxMicros() => PercentileMicros(100);

    public static double TicksToMicros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    public static long MillisToTicks(double ms) => (long)(ms * Stopwatch.Frequency / 1000.0);
}
