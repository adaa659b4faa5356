using Gateway.Plugins.AiRateLimitingAdvanced.Windows;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Tests.Windows;

public sealed class WindowMathTests
{
    [Theory]
    [InlineData(119.9, 60, 60)]
    [InlineData(120, 60, 120)]
    [InlineData(1_700_000_123.5, 3600, 1_699_999_200)]
    public void Start_IsTheLastMultipleOfTheSize(double now, long size, long expected) =>
        Assert.Equal(expected, WindowMath.Start(now, size));

    [Fact]
    public void Rate_Sliding_WeighsThePreviousWindowByItsRemainingOverlap()
    {
        // 15 s into a 60 s window: 45/60 of the previous window still overlaps the last minute.
        var rate = WindowMath.Rate(sliding: true, current: 10, previous: 100, now: 1215, size: 60);

        Assert.Equal(10 + (100 * 45.0 / 60), rate, 9);
    }

    [Fact]
    public void Rate_Fixed_IsTheCurrentWindowOnly() =>
        Assert.Equal(10, WindowMath.Rate(sliding: false, current: 10, previous: 100, now: 1215, size: 60));

    [Theory]
    [InlineData(1000, 400, false, 600)]
    [InlineData(1000, 400.7, false, 599)]
    [InlineData(1000, 1500, false, 0)]
    [InlineData(1.5, 0.25, true, 1.25)]
    public void Remaining_IsFlooredExceptForCost(double limit, double rate, bool cost, double expected) =>
        Assert.Equal(expected, WindowMath.Remaining(limit, rate, cost));

    [Fact]
    public void Reset_Fixed_IsTheRestOfTheWindowRoundedUp() =>
        Assert.Equal(46, WindowMath.Reset(sliding: false, rate: 200, limit: 100, now: 1214.5, size: 60));

    [Fact]
    public void Reset_AtTheVeryEndOfAWindow_IsAtLeastOneSecond() =>
        Assert.Equal(1, WindowMath.Reset(sliding: false, rate: 200, limit: 100, now: 1259.99, size: 60));

    [Fact]
    public void Reset_Sliding_AddsTheShareOfTheWindowTheExcessTakesToDecay()
    {
        // 45 s left, plus (300 − 100) / (300 + 100) × 60 = 30 s.
        Assert.Equal(75, WindowMath.Reset(sliding: true, rate: 300, limit: 100, now: 1215, size: 60));
    }

    [Theory]
    [InlineData(1, "second")]
    [InlineData(60, "minute")]
    [InlineData(3600, "hour")]
    [InlineData(86400, "day")]
    [InlineData(2592000, "month")]
    [InlineData(31536000, "year")]
    [InlineData(3, "3")]
    public void WindowNames_AreKongs(long seconds, string name) => Assert.Equal(name, WindowNames.For(seconds));
}
