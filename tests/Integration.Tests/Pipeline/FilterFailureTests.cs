using System.Text.Json;
using Gateway.Integration.Tests.Infrastructure;
using Gateway.Integration.Tests.Plugins.FileLog;

namespace Gateway.Integration.Tests.Pipeline;

/// <summary>What the client gets, and what the log records, when a header_filter or body_filter plugin throws.</summary>
public sealed class FilterFailureTests : IAsyncLifetime
{
    private const int PluginFailedEvent = 1;

    private readonly TempFolder _folder = new();
    private readonly RecordingLoggerProvider _logs = new();
    private TestUpstream _upstream = null!;

    public FilterFailureTests() => ProbeCalls.EnsureInstalled();

    private string LogPath => _folder.File("gateway.json");

    public async Task InitializeAsync() => _upstream = await TestUpstream.StartAsync();

    public async Task DisposeAsync()
    {
        await _upstream.DisposeAsync();
        _folder.Dispose();
    }

    private Task<GatewayTestHost> StartAsync(string probeConfig) =>
        GatewayTestHost.StartAsync(
            [EchoRouteConfig.Yaml(_upstream.Port, $$$"""
                  - {name: probe-low, config: {{{probeConfig}}}}
                  - {name: file-log, config: {path: {{{LogPath}}}}}
                """)],
            loggerProvider: _logs);

    private async Task<JsonElement> LogEntryAsync(string requestId) =>
        (await LogFile.WaitForRequestIdsAsync(LogPath, [requestId])).Single(e => LogFile.RequestId(e) == requestId);

    private int PluginFailures(string requestId) =>
        _logs.Entries.Count(e => e.EventId.Id == PluginFailedEvent && e.Message.Contains(requestId, StringComparison.Ordinal));

    [Fact]
    public async Task HeaderFilter_PluginThrows_500CarriesRequestIdAndFailureIsLoggedOnce()
    {
        await using var gateway = await StartAsync("{tag: l, throw_in: header_filter}");

        using var response = await gateway.Client.GetAsync("/r");

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("{\"message\":\"An unexpected error occurred\"}", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.TryGetValues("X-Kong-Request-Id", out var ids), "the 500 has no X-Kong-Request-Id");
        var requestId = Assert.Single(ids);
        var entry = await LogEntryAsync(requestId);
        Assert.Equal(500, entry.GetProperty("response").GetProperty("status").GetInt32());
        Assert.Equal(1, PluginFailures(requestId));
    }

    [Fact]
    public async Task BodyFilter_ThrowsOnFirstChunkOfLargeBody_ClientGetsJson500WithRequestIdAndLogRecords500()
    {
        await using var gateway = await StartAsync("{tag: l, throw_in: body_filter}");

        using var response = await gateway.Client.GetAsync("/r/large?bytes=1000000");

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("{\"message\":\"An unexpected error occurred\"}", await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.True(response.Headers.TryGetValues("X-Kong-Request-Id", out var ids), "the 500 has no X-Kong-Request-Id");
        var requestId = Assert.Single(ids);
        var entry = await LogEntryAsync(requestId);
        Assert.Equal(500, entry.GetProperty("response").GetProperty("status").GetInt32());
        Assert.Equal(1, PluginFailures(requestId));
    }

    [Fact]
    public async Task BodyFilter_ThrowsAfterBytesWereSent_ConnectionIsCutAndLogRecordsStatusSent()
    {
        await using var gateway = await StartAsync("{tag: l, throw_on_chunk: 2}");

        using var response = await gateway.Client.GetAsync("/r/drip?count=4&interval=20", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        var requestId = response.Headers.GetValues("X-Kong-Request-Id").Single();

        // A response that ended cleanly would read to its end; a cut one fails the read.
        var cut = await Record.ExceptionAsync(() => response.Content.ReadAsStringAsync());
        Assert.True(cut is HttpRequestException or IOException, $"the body read ended with {cut?.GetType().Name ?? "no error"}");
        var entry = await LogEntryAsync(requestId);
        Assert.Equal(200, entry.GetProperty("response").GetProperty("status").GetInt32());
        Assert.Equal(1, PluginFailures(requestId));
        Assert.Contains(_logs.Entries, e => e.Message.Contains(requestId, StringComparison.Ordinal) && e.Message.Contains("the response was cut after status 200", StringComparison.Ordinal));

        // The gateway goes on serving (a generated answer: one chunk, so this probe does not throw on it).
        using var next = await gateway.Client.GetAsync("/nowhere");
        Assert.Equal(404, (int)next.StatusCode);
    }

    [Fact]
    public async Task HeaderFilter_ThrowsOnTheAnswerToARefusedRequest_500StillClosesTheConnection()
    {
        await using var gateway = await StartAsync("{tag: l, throw_in: header_filter}");

        // A target nginx refuses: its framing cannot be trusted, so the connection must not be reused, whatever
        // the answer became.
        var response = await RawClient.ExchangeAsync(gateway.BaseUri.Port, "GET /r/%zz HTTP/1.1\r\nHost: t\r\n\r\n");

        Assert.NotNull(response);
        Assert.Equal(500, response.Status);
        Assert.Equal("close", response.Headers["connection"], ignoreCase: true);
        Assert.True(response.Headers.ContainsKey("x-kong-request-id"));
    }
}
