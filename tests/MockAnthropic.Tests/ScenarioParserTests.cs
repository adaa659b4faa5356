using Gateway.MockAnthropic.Scenarios;

namespace Gateway.MockAnthropic.Tests;

public sealed class ScenarioParserTests
{
    [Fact]
    public void Parse_NoMarker_ReturnsNone()
    {
        Assert.Same(Scenario.None, ScenarioParser.Parse(null, ["hello", "<system-reminder>x</system-reminder>"], out _));
    }

    [Fact]
    public void Parse_MarkersAcrossBlocksAndHeader_CombinesThem()
    {
        var s = ScenarioParser.Parse(
            "[[mock:slow-first-token:50]]",
            ["<system-reminder>x</system-reminder>", "do [[mock:bash:ls -la: now]] and [[mock:deltas:64:20]]"],
            out _)!;

        Assert.Equal("ls -la: now", s.BashCommand);
        Assert.Equal(50, s.SlowFirstTokenMs);
        Assert.Equal(64, s.DeltaCount);
        Assert.Equal(20, s.DeltaIntervalMs);
        Assert.Equal("slow-first-token:50 bash:ls -la: now deltas:64:20", s.Description);
    }

    [Theory]
    [InlineData("[[mock:text:A: b]]")]
    [InlineData("[[mock:status:529]]")]
    [InlineData("[[mock:status-once:429:tag]]")]
    [InlineData("[[mock:hold-after-first-event]]")]
    [InlineData("[[mock:stream-error]]")]
    [InlineData("[[mock:disconnect-after:0]]")]
    [InlineData("[[mock:deltas:3]]")]
    public void Parse_ValidMarker_Succeeds(string text)
    {
        Assert.NotNull(ScenarioParser.Parse(null, [text], out var error));
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("[[mock:nope]]")]
    [InlineData("[[mock:status:200]]")]
    [InlineData("[[mock:status:abc]]")]
    [InlineData("[[mock:deltas:0:1]]")]
    [InlineData("[[mock:deltas:3:x]]")]
    [InlineData("[[mock:bash:]]")]
    [InlineData("[[mock:stream-error:1]]")]
    [InlineData("[[mock:text:unterminated")]
    public void Parse_BadMarker_ReturnsNullWithError(string text)
    {
        Assert.Null(ScenarioParser.Parse(null, [text], out var error));
        Assert.NotEmpty(error);
    }
}
