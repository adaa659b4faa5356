using System.Diagnostics;
using Gateway.MockAnthropic.Tests.Support;

namespace Gateway.MockAnthropic.Tests;

public sealed class TimingScenarioTests
{
    [Fact]
    public async Task HoldAfterFirstEvent_UntilReleased_OnlyMessageStartArrives()
    {
        await using var mock = await MockHarness.StartAsync();
        using var response = await mock.SendStreamingAsync(
            MockHarness.Post("/v1/messages", RequestBodies.Messages("[[mock:hold-after-first-event]]", stream: true)));
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());

        Assert.Equal("message_start", (await reader.NextAsync())!.Name);
        var next = reader.NextAsync();
        await Task.Delay(200);
        Assert.False(next.IsCompleted);
        Assert.Equal(1, mock.Server.HeldCount);
        Assert.Empty(mock.Server.Requests);

        mock.Server.ReleaseHeld();

        Assert.Equal("ping", (await next)!.Name);
        var rest = await reader.ReadAllAsync();
        Assert.Equal("message_stop", rest[^1].Name);
        Assert.Equal(0, mock.Server.HeldCount);
    }

    [Fact]
    public async Task HoldAfterFirstEvent_NeverReleased_ContinuesAfterCap()
    {
        await using var mock = await MockHarness.StartAsync(new MockAnthropicOptions { HoldTimeoutMs = 100 });

        var events = await mock.StreamAsync(RequestBodies.Messages("[[mock:hold-after-first-event]]", stream: true));

        Assert.Equal("message_stop", events[^1].Name);
    }

    [Fact]
    public async Task SlowFirstToken_Marker_HeadersFirstThenBodyAfterDelay()
    {
        await using var mock = await MockHarness.StartAsync();
        var clock = Stopwatch.StartNew();
        using var response = await mock.SendStreamingAsync(
            MockHarness.Post("/v1/messages", RequestBodies.Messages("[[mock:slow-first-token:300]]", stream: true)));
        var headersAt = clock.ElapsedMilliseconds;
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());

        Assert.Equal("message_start", (await reader.NextAsync())!.Name);
        var firstEventAt = clock.ElapsedMilliseconds;

        Assert.True(headersAt < 250, $"headers after {headersAt} ms");
        Assert.True(firstEventAt - headersAt >= 250, $"first event {firstEventAt - headersAt} ms after headers");
    }

    [Fact]
    public async Task LatencyOption_Set_DelaysResponseHeaders()
    {
        await using var mock = await MockHarness.StartAsync(new MockAnthropicOptions { LatencyMs = 200 });
        var clock = Stopwatch.StartNew();

        using var response = await mock.SendStreamingAsync(
            MockHarness.Post("/v1/messages", RequestBodies.Messages("hi", stream: true)));

        Assert.True(clock.ElapsedMilliseconds >= 190, $"headers after {clock.ElapsedMilliseconds} ms");
    }
}
