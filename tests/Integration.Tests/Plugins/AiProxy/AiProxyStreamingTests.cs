using System.Text;
using Gateway.MockAnthropic;

namespace Gateway.Integration.Tests.Plugins.AiProxy;

/// <summary>Streams through the real host: byte-for-byte, flushed per event, cancelled with the client.</summary>
public sealed class AiProxyStreamingTests
{
    private static readonly TimeSpan ReadWait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Stream_MockHoldsAfterFirstEvent_FirstEventArrivesAndWholeStreamIsByteForByte()
    {
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { Relay = true });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages("hi [[mock:hold-after-first-event]]"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        await using var stream = await response.Content.ReadAsStreamAsync();
        var first = await ReadEventAsync(stream);

        // The mock is still holding everything after message_start, and has not finished the exchange.
        Assert.StartsWith("event: message_start\ndata: {", Encoding.UTF8.GetString(first), StringComparison.Ordinal);
        await Eventually.TrueAsync(() => h.Mock.HeldCount == 1, "the mock is not holding the stream");
        Assert.Empty(h.Mock.Requests);

        h.Mock.ReleaseHeld();
        var rest = await ReadToEndAsync(stream);
        var received = first.Concat(rest).ToArray();
        var sent = await h.Relay!.SingleResponseAsync();
        Assert.Equal(sent.Body, received);
        Assert.EndsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n", Encoding.UTF8.GetString(received), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_ClientDisconnectsWhileMockHolds_UpstreamCancelledAndPartialUsageLogged()
    {
        // The hold cap is far beyond the test's waits: only a cancelled upstream request frees the mock in time.
        await using var h = await AiProxyHarness.StartAsync(mockOptions: new MockAnthropicOptions { ExpectedApiKey = AiProxySetup.ConfiguredKey, HoldTimeoutMs = 120_000 });
        string requestId;
        using (var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = h.Gateway.BaseUri })
        {
            using var response = await client.SendAsync(ClaudeCodeRequest.Messages("hi [[mock:hold-after-first-event]]"), HttpCompletionOption.ResponseHeadersRead);
            requestId = AiProxyHarness.RequestId(response);
            await using var stream = await response.Content.ReadAsStreamAsync();
            await ReadEventAsync(stream);
            await Eventually.TrueAsync(() => h.Mock.HeldCount == 1, "the mock is not holding the stream");
        }

        await Eventually.TrueAsync(() => h.Mock.HeldCount == 0 && h.Mock.Requests.Count == 1, "the upstream request was not cancelled");
        var recorded = h.Mock.Requests[0];
        var seen = recorded.ResponseUsage!;
        Assert.Equal(1, seen.OutputTokens); // message_start's provisional count: nothing after it was sent

        var entry = await h.LogEntryAsync(requestId);
        var meta = entry["ai"]!["proxy"]!["meta"]!;
        var usage = entry["ai"]!["proxy"]!["usage"]!;
        Assert.True(meta["response_incomplete"]!.GetValue<bool>());
        Assert.Equal("stream", meta["request_mode"]!.GetValue<string>());
        Assert.Equal(seen.InputTokens + seen.CacheCreationInputTokens + seen.CacheReadInputTokens, usage["prompt_tokens"]!.GetValue<long>());
        Assert.Equal(seen.CacheReadInputTokens, usage["prompt_tokens_details"]!["cached_tokens"]!.GetValue<long>());
        Assert.Equal(seen.OutputTokens, usage["completion_tokens"]!.GetValue<long>());
    }

    [Fact]
    public async Task Stream_UpstreamAbortsAfterFiveEvents_ClientSeesTheCutAndLogSaysIncomplete()
    {
        await using var h = await AiProxyHarness.StartAsync();

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages("hi [[mock:disconnect-after:5]]"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();
        // The gateway must not turn the upstream's abort into a clean end of the chunked body.
        await Assert.ThrowsAnyAsync<IOException>(() => stream.CopyToAsync(received));

        Assert.StartsWith("event: message_start", Encoding.UTF8.GetString(received.ToArray()), StringComparison.Ordinal);
        var seen = (await h.SingleRecordedAsync()).ResponseUsage!;
        var ai = (await h.LogEntryAsync(response))["ai"]!["proxy"]!;
        Assert.True(ai["meta"]!["response_incomplete"]!.GetValue<bool>());
        Assert.Equal(seen.InputTokens + seen.CacheCreationInputTokens + seen.CacheReadInputTokens, ai["usage"]!["prompt_tokens"]!.GetValue<long>());
    }

    [Fact]
    public async Task Stream_UpstreamAbortsAfterThirtyDeltas_LogsTheDeltasSeenAndOneWarning()
    {
        await using var h = await AiProxyHarness.StartAsync();

        // message_start, ping, content_block_start, then 30 text deltas, and the connection drops.
        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages("hi [[mock:deltas:30]] [[mock:disconnect-after:33]]"), HttpCompletionOption.ResponseHeadersRead);
        await using (var stream = await response.Content.ReadAsStreamAsync())
        {
            await Assert.ThrowsAnyAsync<IOException>(() => stream.CopyToAsync(Stream.Null));
        }

        Assert.Equal(1, (await h.SingleRecordedAsync()).ResponseUsage!.OutputTokens); // all the upstream ever reported
        var ai = (await h.LogEntryAsync(response))["ai"]!["proxy"]!;
        Assert.True(ai["meta"]!["response_incomplete"]!.GetValue<bool>());
        Assert.Equal(30, ai["usage"]!["completion_tokens"]!.GetValue<long>());
        Assert.Contains("counts the 30 content deltas seen", ai["meta"]!["usage_problem"]!.GetValue<string>(), StringComparison.Ordinal);
        var warning = Assert.Single(h.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Equal(2, warning.EventId.Id);
        Assert.Contains(AiProxyHarness.RequestId(response), warning.Message, StringComparison.Ordinal);
        Assert.Null(warning.Exception);
    }

    [Fact]
    public async Task Stream_SilentBeforeFirstEventLongerThanReadTimeout_Returns504AnthropicError()
    {
        // The mock sends its headers at once, then nothing for 20 s. The gateway holds the headers until the first
        // body byte, so when the service's read_timeout fires nothing has been sent and a clean 504 is possible.
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { Service = ["read_timeout: 1500"] });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages("hi [[mock:slow-first-token:20000]]"));

        await AiProxyValidationTests.AssertErrorAsync(response, 504, "api_error", "The upstream server is timing out");
        // The upstream's headers had arrived: the timeout hit the body, not the wait for the headers.
        Assert.Equal("200", (await h.LogEntryAsync(response))["upstream_status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stream_SilentAfterFirstEventLongerThanReadTimeout_ClientSeesTheCutAndLogSaysIncomplete()
    {
        await using var h = await AiProxyHarness.StartAsync(
            new AiProxySetup { Service = ["read_timeout: 1500"] },
            new MockAnthropicOptions { ExpectedApiKey = AiProxySetup.ConfiguredKey, HoldTimeoutMs = 120_000 });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages("hi [[mock:hold-after-first-event]]"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var cts = new CancellationTokenSource(ReadWait);
        var received = new MemoryStream();
        // A cut stream must not look complete: the chunked body is aborted, not ended.
        await Assert.ThrowsAnyAsync<IOException>(() => stream.CopyToAsync(received, cts.Token));

        Assert.StartsWith("event: message_start", Encoding.UTF8.GetString(received.ToArray()), StringComparison.Ordinal);
        await Eventually.TrueAsync(() => h.Mock.HeldCount == 0, "the upstream request was not cancelled");
        var ai = (await h.LogEntryAsync(response))["ai"]!["proxy"]!;
        Assert.True(ai["meta"]!["response_incomplete"]!.GetValue<bool>());
        Assert.True(ai["usage"]!["prompt_tokens"]!.GetValue<long>() > 0);
    }

    /// <summary>Reads one SSE event (up to and including its blank line) without reading past it.</summary>
    internal static async Task<byte[]> ReadEventAsync(Stream stream)
    {
        using var cts = new CancellationTokenSource(ReadWait);
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 2 || bytes[^1] != '\n' || bytes[^2] != '\n')
        {
            if (await stream.ReadAsync(one, cts.Token) == 0)
            {
                break;
            }

            bytes.Add(one[0]);
        }

        return [.. bytes];
    }

    private static async Task<byte[]> ReadToEndAsync(Stream stream)
    {
        using var cts = new CancellationTokenSource(ReadWait);
        using var rest = new MemoryStream();
        await stream.CopyToAsync(rest, cts.Token);
        return rest.ToArray();
    }
}
