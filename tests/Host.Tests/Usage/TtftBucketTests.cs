using Gateway.Host.Usage;

namespace Gateway.Host.Tests.Usage;

public sealed class TtftBucketTests
{
    [Fact]
    public void From_ValuesOnBucketEdges_CountInTheBucketTheyEnd()
    {
        var histogram = new TtftHistogram();
        foreach (var value in new long[] { 1, 100, 101, 200, 450, 450 })
        {
            histogram.Add(value);
        }

        var buckets = TtftBucket.From(histogram);

        // ≤100 ms: 1 and 100; ≤200 ms: 101 and 200; ≤300 ms: none; ≤500 ms: both 450s; then one empty bucket.
        Assert.Equal([2L, 2L, 0L, 2L, 0L], buckets.Select(b => b.Count));
        Assert.Equal(["≤100 ms", "≤200 ms", "≤300 ms", "≤500 ms", "≤750 ms"], buckets.Select(b => b.Label));
    }

    [Fact]
    public void From_ASlowFirstToken_EndsWithTheOpenBucket()
    {
        var histogram = new TtftHistogram();
        histogram.Add(90_000);

        var last = TtftBucket.From(histogram)[^1];

        Assert.Equal((">60 s", 60_000L, (long?)null, 1L), (last.Label, last.FromMs, last.ToMs, last.Count));
    }
}
