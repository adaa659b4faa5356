using System.Net.Http.Json;
using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Proxy;

public sealed class ForwardingTests
{
    private static string Config(int port, string servicePath = "", string route = "paths: [\"/api\"]", string serviceExtra = "") => $$"""
        _format_version: "3.0"
        services:
          - name: echo
            url: http://127.0.0.1:{{port}}{{servicePath}}
            {{serviceExtra}}
            routes:
              - name: r
                {{route}}
        """;

    [Theory]
    [InlineData("", "true", "/api/foo?x=1", "/foo?x=1")]
    [InlineData("", "false", "/api/foo", "/api/foo")]
    [InlineData("/v1", "true", "/api", "/v1")]
    [InlineData("/v1", "true", "/api/", "/v1/")]
    [InlineData("/v1", "true", "/api/foo?beta=true", "/v1/foo?beta=true")]
    [InlineData("/v1", "false", "/api/foo", "/v1/api/foo")]
    [InlineData("/v1/", "true", "/api/foo", "/v1/foo")]
    public async Task Proxy_StripPathRules_UpstreamSeesKongPath(string servicePath, string stripPath, string request, string expected)
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(Config(upstream.Port, servicePath, $"paths: [\"/api\"]\n        strip_path: {stripPath}"));

        using var response = await gateway.Client.GetAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        var seen = await response.Content.ReadFromJsonAsync<EchoedRequest>();
        Assert.Equal(expected, seen!.PathAndQuery);
    }

    [Fact]
    public async Task Proxy_PostWithBody_ForwardsMethodBodyHeadersAndKongForwardingHeaders()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(Config(upstream.Port));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/things?a=1&a=2") { Content = new StringContent("{\"hello\":\"world\"}") };
        request.Headers.Add("x-custom", "kept");

        using var response = await gateway.Client.SendAsync(request);
        var seen = (await response.Content.ReadFromJsonAsync<EchoedRequest>())!;

        Assert.Equal("POST", seen.Method);
        Assert.Equal("/things?a=1&a=2", seen.PathAndQuery);
        Assert.Equal("{\"hello\":\"world\"}", seen.Body);
        Assert.Equal("kept", seen.Headers["x-custom"]);
        Assert.Equal($"127.0.0.1:{upstream.Port}", seen.Headers["host"]);
        Assert.Equal("127.0.0.1", seen.Headers["x-forwarded-for"]);
        Assert.Equal("http", seen.Headers["x-forwarded-proto"]);
        Assert.Equal("/api/things", seen.Headers["x-forwarded-path"]);
        Assert.Equal("/api", seen.Headers["x-forwarded-prefix"]);
    }

    [Fact]
    public async Task Proxy_PreserveHost_SendsClientHost()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(Config(upstream.Port, route: "paths: [\"/api\"]\n        preserve_host: true"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/x");
        request.Headers.Host = "client.example:8000";

        using var response = await gateway.Client.SendAsync(request);
        var seen = (await response.Content.ReadFromJsonAsync<EchoedRequest>())!;

        Assert.Equal("client.example:8000", seen.Headers["host"]);
    }

    [Fact]
    public async Task Proxy_NoRouteMatches_Returns404KongMessage()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(Config(upstream.Port));

        using var response = await gateway.Client.GetAsync("/other");

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("{\"message\":\"no Route matched with those values\"}", await response.Content.ReadAsStringAsync());
        Assert.Empty(upstream.Received);
    }

    [Fact]
    public async Task Proxy_SlowHeaders_Returns504AfterReadTimeout()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(Config(upstream.Port, serviceExtra: "read_timeout: 300"));

        using var response = await gateway.Client.GetAsync("/api/slow?ms=3000");

        Assert.Equal(504, (int)response.StatusCode);
        Assert.Equal("{\"message\":\"The upstream server is timing out\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Proxy_HeadersThenSilenceBeyondReadTimeout_Returns504()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(Config(upstream.Port, serviceExtra: "read_timeout: 1500"));

        using var response = await gateway.Client.GetAsync("/api/stall?ms=20000");

        Assert.Equal(504, (int)response.StatusCode);
        Assert.Equal("{\"message\":\"The upstream server is timing out\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Proxy_StreamLongerThanReadTimeoutWithShortGaps_IsNeverCut()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(Config(upstream.Port, serviceExtra: "read_timeout: 1000"));

        // 6 chunks 300 ms apart: 1.8 s in all, longer than the read timeout, never 1 s silent.
        var body = await gateway.Client.GetStringAsync("/api/drip?count=6&interval=300");

        Assert.Equal(string.Concat(Enumerable.Range(0, 6).Select(n => $"chunk{n}\n")), body);
    }

    [Fact]
    public async Task Proxy_UpstreamRefusesConnections_Returns502AfterRetries()
    {
        await using var gateway = await GatewayTestHost.StartAsync(Config(Pipeline.LogPhaseTests.ClosedPort(), serviceExtra: "retries: 2"));

        using var response = await gateway.Client.GetAsync("/api/x");

        Assert.Equal(502, (int)response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("could not be reached", body, StringComparison.Ordinal);
        Assert.Contains("ConnectionRefused", body, StringComparison.Ordinal);
    }
}
