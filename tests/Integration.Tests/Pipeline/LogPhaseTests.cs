using System.Net;
using System.Net.Sockets;
using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Pipeline;

public sealed class LogPhaseTests
{
    public LogPhaseTests() => ProbeCalls.EnsureInstalled();

    private static string Config(int port, string extra = "") => $$$"""
        _format_version: "3.0"
        services:
          - name: svc
            url: http://127.0.0.1:{{{port}}}
            retries: 1
            connect_timeout: 1000
            read_timeout: 1500
            routes:
              - name: r
                paths: ["/r"]
        plugins:
          - {name: probe-low, config: {tag: l}}
        {{{extra}}}
        """;

    [Theory]
    [InlineData("/r/ok", 200)]
    [InlineData("/r/status/503", 503)]
    [InlineData("/r/slow?ms=6000", 504)]
    public async Task Log_CompletedRequests_RunsExactlyOnce(string path, int status)
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(Config(upstream.Port));

        using var response = await gateway.Client.GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        await AssertLoggedOnceAsync(response);
    }

    [Fact]
    public async Task Log_UpstreamUnreachable_Returns502JsonAndRunsOnce()
    {
        await using var gateway = await GatewayTestHost.StartAsync(Config(ClosedPort()));

        using var response = await gateway.Client.GetAsync("/r");

        Assert.Equal(502, (int)response.StatusCode);
        Assert.StartsWith("{\"message\":\"The upstream server could not be reached", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertLoggedOnceAsync(response);
    }

    [Fact]
    public async Task Log_AccessExit_RunsOnce()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(Config(upstream.Port, "  - {name: probe-high, config: {exit_status: 403}}"));

        using var response = await gateway.Client.GetAsync("/r");

        Assert.Equal(403, (int)response.StatusCode);
        await AssertLoggedOnceAsync(response);
    }

    [Fact]
    public async Task Log_ClientDisconnectsMidStream_RunsOnce()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(Config(upstream.Port));
        var key = Guid.NewGuid().ToString("N");
        string id;
        using (var client = new HttpClient { BaseAddress = gateway.BaseUri })
        {
            using var response = await client.GetAsync($"/r/sse/{key}", HttpCompletionOption.ResponseHeadersRead);
            id = response.Headers.GetValues("X-Kong-Request-Id").Single();
            await using var stream = await response.Content.ReadAsStreamAsync();
            await StreamingTests.ReadUntilAsync(stream, "\n\n", TimeSpan.FromSeconds(10));
        }

        var calls = await PhaseOrderTests.WaitForLogAsync(id, 1);
        await Task.Delay(200);
        Assert.Single(ProbeCalls.For(id), c => c.EndsWith(":log", StringComparison.Ordinal));
        Assert.Contains("probe-low:l:log", calls);
        upstream.Release(key);
    }

    private static async Task AssertLoggedOnceAsync(HttpResponseMessage response)
    {
        var id = response.Headers.GetValues("X-Kong-Request-Id").Single();
        await response.Content.ReadAsStringAsync();
        await PhaseOrderTests.WaitForLogAsync(id, 1);
        await Task.Delay(100);
        Assert.Single(ProbeCalls.For(id), c => c == "probe-low:l:log");
    }

    internal static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
