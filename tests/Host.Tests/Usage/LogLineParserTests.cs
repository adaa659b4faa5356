using System.Buffers;
using System.Text;
using Gateway.Host.Usage;

namespace Gateway.Host.Tests.Usage;

public sealed class LogLineParserTests
{
    private static bool Parse(string text, out LogLine line) => LogLineParser.TryParse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(text)), out line);

    [Fact]
    public void TryParse_AiProxyLine_ReadsTokensCostTtftStatusSessionRouteAndModel()
    {
        var text = LogLines.Ai(input: 5464, output: 20, cacheWrite: 5464, cacheRead: 10928, cost: 0.0123m, ttft: 425, status: 200);

        Assert.True(Parse(text, out var line));

        Assert.True(line.HasAiProxy);
        Assert.Equal((21856L, 20L, 10928L, 5464L, 5464L), (line.PromptTokens, line.CompletionTokens, line.CacheReadTokens, line.CacheWriteTokens, line.InputTokens));
        Assert.Equal(0.0123m, line.Cost);
        Assert.Equal(425, line.TimeToFirstTokenMs);
        Assert.Equal(200, line.Status);
        Assert.Equal("084d100f-3123-4895-830b-0375d9aceadb", line.SessionId);
        Assert.Equal("example-route", line.Route);
        Assert.Equal("claude-sonnet-4-5-20250929", line.ModelKey);
        Assert.Equal(LogLines.Day1.ToUnixTimeMilliseconds(), line.StartedAtMs);
        Assert.False(line.AiError);
    }

    [Fact]
    public void TryParse_ResponseErrorAfter200_IsAnAiError()
    {
        Assert.True(Parse(LogLines.Ai(responseError: true), out var line));

        Assert.True(line.AiError);
    }

    [Fact]
    public void TryParse_LineWithoutAi_ParsesButHasNoAiProxy()
    {
        Assert.True(Parse(LogLines.WithoutAi(), out var line));

        Assert.False(line.HasAiProxy);
        Assert.Equal(404, line.Status);
    }

    [Fact]
    public void TryParse_SessionHeaderLoggedTwice_TakesTheFirstValue()
    {
        var text = """{"request":{"headers":{"x-claude-code-session-id":["first","second"]}},"ai":{"proxy":{"usage":{"prompt_tokens":1}}}}""";

        Assert.True(Parse(text, out var line));

        Assert.Equal("first", line.SessionId);
    }

    [Fact]
    public void TryParse_UnnamedRoute_UsesTheRouteId()
    {
        Assert.True(Parse("""{"route":{"id":"r-1"},"ai":{"proxy":{}}}""", out var line));

        Assert.Equal("r-1", line.Route);
    }

    [Fact]
    public void TryParse_CostInExponentNotation_IsReadExactly()
    {
        Assert.True(Parse("""{"ai":{"proxy":{"usage":{"cost":1.5E-05}}}}""", out var line));

        Assert.Equal(0.000015m, line.Cost);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("""{"ai":{"proxy":{"usage":{"prompt_tokens":12""")]
    [InlineData("""{"a":1}{"b":2}""")]
    [InlineData("""{"ai":{"proxy":{"usage":{"prompt_tokens":1}}}} trailing""")]
    public void TryParse_NotOneJsonObject_ReturnsFalse(string text)
    {
        Assert.False(Parse(text, out _));
    }

    [Fact]
    public void TryParse_FieldsOfTheWrongType_AreIgnoredNotFatal()
    {
        var text = """{"started_at":"yesterday","response":{"status":"200"},"ai":{"proxy":{"usage":{"prompt_tokens":"many","cost":null,"time_to_first_token":-5}}}}""";

        Assert.True(Parse(text, out var line));

        Assert.Equal((null, 0, 0L, 0m, 0L), (line.StartedAtMs, line.Status, line.PromptTokens, line.Cost, line.TimeToFirstTokenMs));
    }

    [Fact]
    public void TryParse_LineSplitAcrossBufferSegments_ParsesTheSameAsOneSpan()
    {
        var bytes = Encoding.UTF8.GetBytes(LogLines.Ai(input: 7, output: 8, cacheRead: 9, cost: 0.5m));
        var sequence = Segments.Split(bytes, 13);

        Assert.True(LogLineParser.TryParse(sequence, out var line));

        Assert.Equal((16L, 8L, 9L, 0.5m), (line.PromptTokens, line.CompletionTokens, line.CacheReadTokens, line.Cost));
    }
}
