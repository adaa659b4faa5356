namespace Gateway.Host.Usage;

/// <summary>One bar of the TTFT distribution: first tokens that came after <see cref="FromMs"/> and by <see cref="ToMs"/>.</summary>
/// <param name="ToMs">Inclusive upper bound; null for the open last bucket.</param>
internal sealed record TtftBucket(string Label, long FromMs, long? ToMs, long Count)
{
    /// <summary>Upper bounds roughly doubling: a first token takes from tens of ms (cache hit) to tens of seconds.</summary>
    private static readonly long[] UpperBoundsMs = [100, 200, 300, 500, 750, 1_000, 1_500, 2_000, 3_000, 5_000, 10_000, 20_000, 30_000, 60_000];

    public static IReadOnlyList<TtftBucket> From(TtftHistogram histogram)
    {
        var counts = new long[UpperBoundsMs.Length + 1];
        foreach (var (value, count) in histogram.Sorted())
        {
            var index = Array.BinarySearch(UpperBoundsMs, value);
            counts[index >= 0 ? index : ~index] += count;
        }

        // Empty buckets past the slowest first token only stretch the chart; one stays to show where it ends.
        var last = Array.FindLastIndex(counts, c => c > 0);
        var shown = last < 0 ? counts.Length : Math.Min(counts.Length, last + 2);
        var buckets = new List<TtftBucket>(shown);
        for (var i = 0; i < shown; i++)
        {
            var from = i == 0 ? 0 : UpperBoundsMs[i - 1];
            long? to = i < UpperBoundsMs.Length ? UpperBoundsMs[i] : null;
            var label = to is { } upper ? $"≤{Format(upper)}" : $">{Format(from)}";
            buckets.Add(new TtftBucket(label, from, to, counts[i]));
        }

        return buckets;
    }

    private static string Format(long ms) => ms < 1000
        ? ms.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ms"
        : (ms / 1000.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s";
}
