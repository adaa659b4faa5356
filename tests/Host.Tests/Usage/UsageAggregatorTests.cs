using Gateway.Host.Usage;

namespace Gateway.Host.Tests.Usage;

public sealed class UsageAggregatorTests
{
    private static LogLine Line(long? startedAtMs, long prompt = 10) => new() { HasAiProxy = true, StartedAtMs = startedAtMs, PromptTokens = prompt };

    [Fact]
    public void Add_WithATimeWindow_LineWithoutStartedAtIsOutsideIt()
    {
        var aggregator = new UsageAggregator(DateTimeOffset.UnixEpoch, null, UsageGrouping.Day);

        aggregator.Add(Line(null));

        Assert.Equal((0L, 1L), (aggregator.Lines.Used, aggregator.Lines.OutsideWindow));
    }

    [Fact]
    public void Add_WithoutAWindow_LineWithoutStartedAtGoesToTheNoTimeDay()
    {
        var aggregator = new UsageAggregator(null, null, UsageGrouping.Day);

        aggregator.Add(Line(null));
        aggregator.Add(Line(long.MaxValue));

        Assert.Equal([UsageAggregator.NoTime], aggregator.ByDay.Keys);
        Assert.Equal(2, aggregator.ByDay[UsageAggregator.NoTime].Requests);
    }

    [Fact]
    public void Add_LinesAcrossMidnightUtc_SplitIntoTwoDays()
    {
        var aggregator = new UsageAggregator(null, null, UsageGrouping.Day);
        var midnight = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

        foreach (var ms in new[] { midnight - 1, midnight, midnight + 1, midnight - 2 })
        {
            aggregator.Add(Line(ms));
        }

        Assert.Equal(2, aggregator.ByDay["2026-11-27"].Requests);
        Assert.Equal(2, aggregator.ByDay["2026-11-28"].Requests);
    }

    [Fact]
    public void Row_NoPromptTokens_HasNoCacheHitRatio()
    {
        var aggregator = new UsageAggregator(null, null, UsageGrouping.Day);
        aggregator.Add(Line(0, prompt: 0));

        Assert.Null(UsageRow.From("x", aggregator.Totals).CacheHitRatio);
    }
}
