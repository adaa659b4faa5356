namespace Gateway.Host.Usage;

/// <summary>
/// Times to first token, kept as a count per distinct millisecond. ai-proxy logs whole milliseconds, so this is the
/// complete distribution, not a sketch: percentiles are exact, and the memory is bounded by the number of distinct
/// values (at most one entry per millisecond of the slowest first token, in practice a few thousand), never by the
/// number of lines.
/// </summary>
internal sealed class TtftHistogram
{
    private readonly Dictionary<long, long> _counts = [];

    /// <summary>The empty histogram of a group whose percentiles are not shown; never added to.</summary>
    public static TtftHistogram None { get; } = new();

    /// <summary>How many requests had a first token.</summary>
    public long Count { get; private set; }

    public void Add(long milliseconds)
    {
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, milliseconds, out _);
        count++;
        Count++;
    }

    /// <summary>
    /// The nearest-rank percentile: the smallest logged value with at least <paramref name="percent"/>% of the values
    /// at or below it (so p50 of 1, 2, 3, 4 is 2, and p95 of 20 values is the 19th smallest); null when empty.
    /// </summary>
    public long? Percentile(double percent)
    {
        if (Count == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percent / 100 * Count));
        var seen = 0L;
        foreach (var (value, count) in Sorted())
        {
            seen += count;
            if (seen >= rank)
            {
                return value;
            }
        }

        throw new InvalidOperationException("unreachable: the counts add up to Count");
    }

    /// <summary>The distinct values in ascending order with their counts.</summary>
    public IEnumerable<KeyValuePair<long, long>> Sorted() => _counts.OrderBy(pair => pair.Key);
}
