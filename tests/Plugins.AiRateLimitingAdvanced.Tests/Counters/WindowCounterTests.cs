using Gateway.Plugins.AiRateLimitingAdvanced.Counters;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Tests.Counters;

public sealed class WindowCounterTests
{
    [Fact]
    public void Read_NextWindow_MovesTheCountToPrevious()
    {
        var counter = new WindowCounter(60);
        counter.Add(120, 7);

        Assert.Equal((7d, 0d), counter.Read(120));
        Assert.Equal((0d, 7d), counter.Read(180));
    }

    [Fact]
    public void Read_AWindowLater_ForgetsEverything()
    {
        var counter = new WindowCounter(60);
        counter.Add(120, 7);

        Assert.Equal((0d, 0d), counter.Read(240));
    }

    [Fact]
    public void Add_ForAnOlderWindowAfterTheClockMovedOn_DoesNotTouchTheNewerWindow()
    {
        var counter = new WindowCounter(60);
        counter.Add(180, 5);
        counter.Add(120, 7);

        Assert.Equal((5d, 0d), counter.Read(180));
    }
}
