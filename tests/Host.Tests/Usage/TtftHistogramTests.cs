using Gateway.Host.Usage;

namespace Gateway.Host.Tests.Usage;

public sealed class TtftHistogramTests
{
    [Fact]
    public void Percentile_NearestRank_MatchesTheSortedValues()
    {
        var histogram = new TtftHistogram();
        // 1..20 in a scrambled order, with repeats of 7.
        long[] values = [13, 7, 1, 20, 5, 7, 19, 2, 18, 3, 17, 4, 16, 6, 15, 8, 14, 9, 12, 10, 11, 7];
        foreach (var value in values)
        {
            histogram.Add(value);
        }

        var sorted = values.Order().ToArray();
        Assert.Equal(22, histogram.Count);
        Assert.Equal(sorted[(int)Math.Ceiling(0.50 * 22) - 1], histogram.Percentile(50));
        Assert.Equal(sorted[(int)Math.Ceiling(0.95 * 22) - 1], histogram.Percentile(95));
        Assert.Equal(1, histogram.Percentile(0));
        Assert.Equal(20, histogram.Percentile(100));
    }

    [Fact]
    public void Percentile_OfFourValues_P50IsTheSecond()
    {
        var histogram = new TtftHistogram();
        foreach (var value in new long[] { 4, 3, 2, 1 })
        {
            histogram.Add(value);
        }

        Assert.Equal(2, histogram.Percentile(50));
    }

    [Fact]
    public void Percentile_Empty_IsNull()
    {
        Assert.Null(new TtftHistogram().Percentile(50));
    }

    [Fact]
    public void Add_ManyRepeatsOfFewValues_KeepsOneEntryPerDistinctValue()
    {
        var histogram = new TtftHistogram();
        for (var i = 0; i < 100_000; i++)
        {
            histogram.Add(100 + (i % 3));
        }

        Assert.Equal(3, histogram.Sorted().Count());
        Assert.Equal(100_000, histogram.Count);
        Assert.Equal(101, histogram.Percentile(50));
    }
}
