using System.Text;
using Gateway.MockAnthropic.Replies;
using Gateway.MockAnthropic.Tests.Support;

namespace Gateway.MockAnthropic.Tests;

public sealed class StreamingTests
{
    [Fact]
    public async Task Stream_DefaultRequest_EmitsRealEventSequence()
    {
        await using var mock = await MockHarness.StartAsync();

        var events = await mock.StreamAsync(RequestBodies.Messages("hello", stream: true));

        var names = events.Select(e => e.Name).ToList();
        var words = TextSplitter.Words(ReplyPlanner.DefaultText).Count;
        string[] expected =
        [
            "message_start", "ping", "content_block_start",
            .. Enumerable.Repeat("content_block_delta", words),
            "content_block_stop", "message_delta", "message_stop",
        ];
        Assert.Equal(expected, names);
        Assert.All(events, e => Assert.Equal(e.Name, e.Type));

        var start = events[0].Data.GetProperty("message");
        Assert.Equal(0, start.GetProperty("content").GetArrayLength());
        Assert.Equal(1, start.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.Equal("text", events[2].Data.GetProperty("content_block").GetProperty("type").GetString());

        var text = new StringBuilder();
        foreach (var delta in events.Where(e => e.Name == "content_block_delta"))
        {
            Assert.Equal("text_delta", delta.Data.GetProperty("delta").GetProperty("type").GetString());
            text.Append(delta.Data.GetProperty("delta").GetProperty("text").GetString());
        }

        Assert.Equal(ReplyPlanner.DefaultText, text.ToString());
        var messageDelta = events[^2].Data;
        Assert.Equal("end_turn", messageDelta.GetProperty("delta").GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task Stream_MessageDelta_OutputTokensEqualRecordedUsage()
    {
        await using var mock = await MockHarness.StartAsync();
        var json = RequestBodies.Messages("count [[mock:deltas:64:0]]", stream: true);

        var events = await mock.StreamAsync(json);

        var usage = NonStreamingTests.UsageOf(events.Single(e => e.Name == "message_delta").Data.GetProperty("usage"));
        var recorded = Assert.Single(mock.Server.Requests);
        Assert.Equal(usage, recorded.ResponseUsage);
        Assert.Equal(64, usage.OutputTokens);
        Assert.Equal(64, events.Count(e => e.Name == "content_block_delta"));
        Assert.True(recorded.Streamed);
        Assert.Equal("deltas:64:0", recorded.Scenario);
        var start = NonStreamingTests.UsageOf(events[0].Data.GetProperty("message").GetProperty("usage"));
        Assert.Equal(usage with { OutputTokens = 1 }, start);
    }

    [Fact]
    public async Task Stream_ThinkingEnabled_ThinkingBlockWithSignatureComesFirst()
    {
        await using var mock = await MockHarness.StartAsync();

        var events = await mock.StreamAsync(RequestBodies.Messages("think", stream: true, thinking: true));

        var starts = events.Where(e => e.Name == "content_block_start").ToList();
        Assert.Equal(2, starts.Count);
        Assert.Equal("thinking", starts[0].Data.GetProperty("content_block").GetProperty("type").GetString());
        Assert.Equal("text", starts[1].Data.GetProperty("content_block").GetProperty("type").GetString());
        var thinkingDeltas = events
            .Where(e => e.Name == "content_block_delta" && e.Data.GetProperty("index").GetInt32() == 0)
            .Select(e => e.Data.GetProperty("delta").GetProperty("type").GetString())
            .ToList();
        Assert.Equal("signature_delta", thinkingDeltas[^1]);
        Assert.All(thinkingDeltas[..^1], t => Assert.Equal("thinking_delta", t));
        var expectedTokens = TextSplitter.Words(ReplyPlanner.ThinkingText).Count
            + TextSplitter.Words(ReplyPlanner.DefaultText).Count;
        Assert.Equal(expectedTokens, Assert.Single(mock.Server.Requests).ResponseUsage!.OutputTokens);
    }

    [Fact]
    public async Task Stream_DeltasMarker_SpacesDeltasByInterval()
    {
        await using var mock = await MockHarness.StartAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var events = await mock.StreamAsync(RequestBodies.Messages("[[mock:deltas:5:40]]", stream: true));

        Assert.Equal(5, events.Count(e => e.Name == "content_block_delta"));
        Assert.True(clock.ElapsedMilliseconds >= 4 * 40 - 10, $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Stream_ScenarioHeader_AppliesLikeAMarker()
    {
        await using var mock = await MockHarness.StartAsync();

        var events = await mock.StreamAsync(RequestBodies.Messages("plain question", stream: true), "[[mock:text:From header]]");

        var text = string.Concat(events.Where(e => e.Name == "content_block_delta")
            .Select(e => e.Data.GetProperty("delta").GetProperty("text").GetString()));
        Assert.Equal("From header", text);
    }
}
