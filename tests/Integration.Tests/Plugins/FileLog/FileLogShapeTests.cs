using System.Text.Json;
using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Plugins.FileLog;

/// <summary>The line file-log writes through the real host has every field of Kong's <c>kong.log.serialize()</c>
/// with Kong's types, for proxied requests and for responses the gateway made itself.</summary>
public sealed class FileLogShapeTests : IDisposable
{
    private readonly TempFolder _logs = new();

    public void Dispose() => _logs.Dispose();

    private string Config(int port) => $$$"""
        _format_version: "3.0"
        services:
          - name: echo
            url: http://127.0.0.1:{{{port}}}
            routes:
              - name: r
                paths: ["/r"]
              - name: guarded
                paths: ["/guarded"]
                plugins:
                  - {name: probe-high, config: {exit_status: 401}}
        plugins:
          - name: file-log
            config: {path: {{{_logs.File("gateway.json")}}}}
        """;

    [Fact]
    public async Task Line_ProxiedRequest_HasEveryKongFieldWithKongTypes()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(Config(upstream.Port));
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        using var response = await gateway.Client.GetAsync("/r/ok?a=1&a=2&flag");
        await response.Content.ReadAsStringAsync();

        var entry = Assert.Single(LogFile.Parse(await LogFile.WaitForLinesAsync(_logs.File("gateway.json"), 1)));
        var request = entry.GetProperty("request");
        Assert.Equal(response.Headers.GetValues("X-Kong-Request-Id").Single(), request.GetProperty("id").GetString());
        Assert.Equal("/r/ok?a=1&a=2&flag", request.GetProperty("uri").GetString());
        Assert.Equal($"http://127.0.0.1:{gateway.BaseUri.Port}/r/ok?a=1&a=2&flag", request.GetProperty("url").GetString());
        Assert.Equal("""{"a":["1","2"],"flag":true}""", request.GetProperty("querystring").GetRawText());
        Assert.Equal("GET", request.GetProperty("method").GetString());
        Assert.Equal($"127.0.0.1:{gateway.BaseUri.Port}", request.GetProperty("headers").GetProperty("host").GetString());
        AssertPositiveNumber(request, "size");

        Assert.Equal("/ok?a=1&a=2&flag", entry.GetProperty("upstream_uri").GetString());
        Assert.Equal("200", entry.GetProperty("upstream_status").GetString());

        var responseEntry = entry.GetProperty("response");
        Assert.Equal(200, responseEntry.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Object, responseEntry.GetProperty("headers").ValueKind);
        Assert.Equal("application/json", responseEntry.GetProperty("headers").GetProperty("content-type").GetString());
        Assert.Equal(request.GetProperty("id").GetString(), responseEntry.GetProperty("headers").GetProperty("x-kong-request-id").GetString());
        AssertPositiveNumber(responseEntry, "size");

        var latencies = entry.GetProperty("latencies");
        foreach (var name in new[] { "kong", "proxy", "request", "receive" })
        {
            Assert.True(latencies.GetProperty(name).GetDouble() >= 0, $"latencies.{name} = {latencies.GetProperty(name)}");
        }

        Assert.True(latencies.GetProperty("request").GetDouble() >= latencies.GetProperty("proxy").GetDouble());

        var attempt = Assert.Single(entry.GetProperty("tries").EnumerateArray());
        Assert.Equal("127.0.0.1", attempt.GetProperty("ip").GetString());
        Assert.Equal(upstream.Port, attempt.GetProperty("port").GetInt32());
        Assert.Equal(JsonValueKind.Number, attempt.GetProperty("balancer_start").ValueKind);
        Assert.True(attempt.GetProperty("balancer_latency").GetInt64() >= 0);
        Assert.False(attempt.TryGetProperty("state", out _));

        Assert.Equal("r", entry.GetProperty("route").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Array, entry.GetProperty("route").GetProperty("paths").ValueKind);
        Assert.Equal("echo", entry.GetProperty("service").GetProperty("name").GetString());
        Assert.Equal(upstream.Port, entry.GetProperty("service").GetProperty("port").GetInt32());
        Assert.Equal("127.0.0.1", entry.GetProperty("client_ip").GetString());
        var startedAt = entry.GetProperty("started_at").GetInt64();
        Assert.InRange(startedAt, start - 60_000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 60_000);
        Assert.Equal("upstream", entry.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Line_NoRouteAndAccessExit_LoggedWithSourceKong()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(Config(upstream.Port));

        using var notFound = await gateway.Client.GetAsync("/nowhere");
        using var denied = await gateway.Client.GetAsync("/guarded");
        Assert.Equal(404, (int)notFound.StatusCode);
        Assert.Equal(401, (int)denied.StatusCode);

        var entries = LogFile.Parse(await LogFile.WaitForLinesAsync(_logs.File("gateway.json"), 2)).ToDictionary(LogFile.RequestId);
        Assert.Equal(2, entries.Count);
        Assert.Empty(upstream.Received);

        var missed = entries[notFound.Headers.GetValues("X-Kong-Request-Id").Single()];
        AssertGatewayGenerated(missed, 404);
        Assert.False(missed.TryGetProperty("route", out _), "a 404 has no route");
        Assert.False(missed.TryGetProperty("service", out _), "a 404 has no service");

        var exited = entries[denied.Headers.GetValues("X-Kong-Request-Id").Single()];
        AssertGatewayGenerated(exited, 401);
        Assert.Equal("guarded", exited.GetProperty("route").GetProperty("name").GetString());
        Assert.Equal("echo", exited.GetProperty("service").GetProperty("name").GetString());
    }

    private static void AssertGatewayGenerated(JsonElement entry, int status)
    {
        Assert.Equal("kong", entry.GetProperty("source").GetString());
        Assert.Equal(status, entry.GetProperty("response").GetProperty("status").GetInt32());
        Assert.Equal(string.Empty, entry.GetProperty("upstream_uri").GetString());
        Assert.Equal(string.Empty, entry.GetProperty("upstream_status").GetString());
        Assert.Equal(-1, entry.GetProperty("latencies").GetProperty("proxy").GetInt32());
        Assert.Equal(0, entry.GetProperty("latencies").GetProperty("receive").GetInt32());
        Assert.False(entry.TryGetProperty("tries", out _), "nothing was proxied");
        AssertPositiveNumber(entry.GetProperty("request"), "size");
        AssertPositiveNumber(entry.GetProperty("response"), "size");
        Assert.Equal("127.0.0.1", entry.GetProperty("client_ip").GetString());
        Assert.Equal(JsonValueKind.Number, entry.GetProperty("started_at").ValueKind);
    }

    private static void AssertPositiveNumber(JsonElement parent, string name)
    {
        var value = parent.GetProperty(name);
        Assert.Equal(JsonValueKind.Number, value.ValueKind);
        Assert.True(value.GetInt64() > 0, $"{name} = {value}");
    }
}
