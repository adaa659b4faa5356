using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Pipeline;

/// <summary>
/// Per-request plugin state that is disposable is disposed by the host once the request is over: after the log
/// phase, exactly once, however the request ended. The probes take one async and one sync disposable state in every
/// phase they run (tests/TestPlugins/Probe, track_state).
/// </summary>
public sealed class RequestStateDisposalTests
{
    public RequestStateDisposalTests() => ProbeCalls.EnsureInstalled();

    private static string Config(int port, string high = "{tag: h, track_state: true}", string low = "{tag: l, track_state: true}") => $$"""
        _format_version: "3.0"
        services:
          - name: svc
            url: http://127.0.0.1:{{port}}
            routes:
              - name: r
                paths: ["/r"]
        plugins:
          - name: probe-high
            config: {{high}}
          - name: probe-low
            config: {{low}}
        """;

    [Fact]
    public async Task Dispose_CompletedRequest_EachStateOnceAfterLog()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(Config(upstream.Port));

        using var response = await gateway.Client.GetAsync("/r/ok");

        Assert.Equal(200, (int)response.StatusCode);
        await AssertDisposedAfterLogAsync(RequestId(response), "probe-high:h", "probe-low:l");
    }

    [Fact]
    public async Task Dispose_AccessExit_StatesOfThePluginThatExitedAndOfTheOthers()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(Config(upstream.Port, high: "{tag: h, track_state: true, exit_status: 403}"));

        using var response = await gateway.Client.GetAsync("/r");

        Assert.Equal(403, (int)response.StatusCode);
        await AssertDisposedAfterLogAsync(RequestId(response), "probe-high:h", "probe-low:l");
    }

    [Fact]
    public async Task Dispose_UpstreamUnreachable_StatesDisposed()
    {
        await using var gateway = await GatewayTestHost.StartAsync(Config(LogPhaseTests.ClosedPort()));

        using var response = await gateway.Client.GetAsync("/r");

        Assert.Equal(502, (int)response.StatusCode);
        await AssertDisposedAfterLogAsync(RequestId(response), "probe-high:h", "probe-low:l");
    }

    [Theory]
    [InlineData("access", 500)]
    [InlineData("header_filter", 500)]
    [InlineData("body_filter", 500)]
    [InlineData("log", 200)]
    public async Task Dispose_PluginThrowsInAPhase_StatesStillDisposed(string phase, int status)
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(Config(upstream.Port, high: $"{{tag: h, track_state: true, throw_in: {phase}}}"));

        using var response = await gateway.Client.GetAsync("/r/ok");

        Assert.Equal(status, (int)response.StatusCode);
        await AssertDisposedAfterLogAsync(RequestId(response), "probe-high:h", "probe-low:l");
    }

    [Fact]
    public async Task Dispose_ClientDisconnectsMidStream_StatesDisposed()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(Config(upstream.Port));
        var key = Guid.NewGuid().ToString("N");
        string id;
        using (var client = new HttpClient { BaseAddress = gateway.BaseUri })
        {
            using var response = await client.GetAsync($"/r/sse/{key}", HttpCompletionOption.ResponseHeadersRead);
            id = RequestId(response);
            await using var stream = await response.Content.ReadAsStreamAsync();
            await StreamingTests.ReadUntilAsync(stream, "\n\n", TimeSpan.FromSeconds(10));
        }

        await AssertDisposedAfterLogAsync(id, "probe-high:h", "probe-low:l");
        upstream.Release(key);
    }

    [Fact]
    public async Task Dispose_AStateThrows_LoggedAsThatPluginsFailureAndTheOtherStatesStillDisposed()
    {
        await using var upstream = await TestUpstream.StartAsync();
        var logs = new RecordingLoggerProvider();
        await using var gateway = await GatewayTestHost.StartAsync(
            [Config(upstream.Port, high: "{tag: h, track_state: true, dispose_throws: true}")], loggerProvider: logs);

        using var response = await gateway.Client.GetAsync("/r/ok");

        Assert.Equal(200, (int)response.StatusCode);
        var id = RequestId(response);
        await AssertDisposedAfterLogAsync(id, "probe-high:h", "probe-low:l");
        var failure = Assert.Single(logs.Entries, e => e.Message.Contains(id, StringComparison.Ordinal) && e.Message.Contains("state dispose", StringComparison.Ordinal));
        Assert.Contains("probe-high", failure.Message, StringComparison.Ordinal);
    }

    private static string RequestId(HttpResponseMessage response) => response.Headers.GetValues("X-Kong-Request-Id").Single();

    private static async Task AssertDisposedAfterLogAsync(string requestId, params string[] probes)
    {
        var expected = probes.Length * 2;
        var calls = ProbeCalls.For(requestId);
        for (var i = 0; i < 1000 && calls.Count(IsDisposal) < expected; i++)
        {
            await Task.Delay(10);
            calls = ProbeCalls.For(requestId);
        }

        // A little longer: a second disposal would show up now.
        await Task.Delay(100);
        calls = ProbeCalls.For(requestId);
        var lastLog = calls.ToList().FindLastIndex(c => c.EndsWith(":log", StringComparison.Ordinal));
        Assert.True(lastLog >= 0, string.Join(", ", calls));
        foreach (var probe in probes)
        {
            foreach (var disposal in new[] { $"{probe}:dispose-async", $"{probe}:dispose-sync" })
            {
                Assert.Single(calls, c => c == disposal);
                Assert.True(calls.ToList().IndexOf(disposal) > lastLog, $"{disposal} before the log phase ended: {string.Join(", ", calls)}");
            }
        }

        Assert.DoesNotContain(calls, c => c.Contains("dispose-sync-on-async-state", StringComparison.Ordinal));
    }

    private static bool IsDisposal(string call) => call.Contains(":dispose-", StringComparison.Ordinal);
}
