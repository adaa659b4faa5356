using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Pipeline;

public sealed class ShortCircuitTests
{
    public ShortCircuitTests() => ProbeCalls.EnsureInstalled();

    [Fact]
    public async Task Exit_InAccess_SkipsUpstreamAndLaterAccessButRunsOtherPhasesForAll()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(EchoRouteConfig.Yaml(upstream.Port, """
              - {name: probe-high, config: {tag: h, exit_status: 401, exit_body: '{"message":"Unauthorized"}'}}
              - {name: probe-low, config: {tag: l}}
            """));

        using var response = await gateway.Client.GetAsync("/r");

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("{\"message\":\"Unauthorized\"}", await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Empty(upstream.Received);
        var calls = await PhaseOrderTests.WaitForLogAsync(response.Headers.GetValues("X-Kong-Request-Id").Single(), 2);
        Assert.Equal(
            ["probe-high:h:access", "probe-high:h:header_filter", "probe-low:l:header_filter", "probe-high:h:body_filter:eos", "probe-low:l:body_filter:eos", "probe-high:h:log", "probe-low:l:log"],
            calls);
    }

    [Fact]
    public async Task Access_PluginThrows_Returns500KongMessageAndStillLogs()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(EchoRouteConfig.Yaml(upstream.Port, """
              - {name: probe-high, config: {tag: h, throw_in: access}}
              - {name: probe-low, config: {tag: l}}
            """));

        using var response = await gateway.Client.GetAsync("/r");

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("{\"message\":\"An unexpected error occurred\"}", await response.Content.ReadAsStringAsync());
        Assert.Empty(upstream.Received);
        var calls = await PhaseOrderTests.WaitForLogAsync(response.Headers.GetValues("X-Kong-Request-Id").Single(), 2);
        Assert.DoesNotContain("probe-low:l:access", calls);
        Assert.Contains("probe-low:l:log", calls);

        using var next = await gateway.Client.GetAsync("/nowhere");
        Assert.Equal(404, (int)next.StatusCode);
    }

    [Fact]
    public async Task HeaderFilter_PluginThrows_Returns500InsteadOfUpstreamResponse()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(EchoRouteConfig.Yaml(upstream.Port, """
              - {name: probe-low, config: {tag: l, throw_in: header_filter}}
            """));

        using var response = await gateway.Client.GetAsync("/r");

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("{\"message\":\"An unexpected error occurred\"}", await response.Content.ReadAsStringAsync());
        Assert.Single(upstream.Received);
    }

    [Fact]
    public async Task BodyFilter_PluginThrowsOnFirstChunk_Returns500AndNextRequestIsServed()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(EchoRouteConfig.Yaml(upstream.Port, """
              - {name: probe-low, config: {tag: l, throw_in: body_filter, uppercase: true}}
            """));

        using var response = await gateway.Client.GetAsync("/r/drip?count=3&interval=1");

        // The first chunk is filtered before any byte goes out, so the gateway can still answer instead.
        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("{\"message\":\"An unexpected error occurred\"}", await response.Content.ReadAsStringAsync());
        var calls = await PhaseOrderTests.WaitForLogAsync(response.Headers.GetValues("X-Kong-Request-Id").Single(), 1);
        Assert.Contains("probe-low:l:log", calls);

        // The gateway's own answers go through the same filter, which fails on them too: still a 500, still served.
        using var next = await gateway.Client.GetAsync("/nowhere");
        Assert.Equal(500, (int)next.StatusCode);
        Assert.Equal("{\"message\":\"An unexpected error occurred\"}", await next.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Log_PluginThrows_ResponseIsUnaffected()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(EchoRouteConfig.Yaml(upstream.Port, """
              - {name: probe-high, config: {tag: h, throw_in: log}}
              - {name: probe-low, config: {tag: l}}
            """));

        using var response = await gateway.Client.GetAsync("/r/ok");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("/ok", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var calls = await PhaseOrderTests.WaitForLogAsync(response.Headers.GetValues("X-Kong-Request-Id").Single(), 2);
        Assert.Contains("probe-low:l:log", calls);
    }

    [Fact]
    public async Task BodyFilter_ReplacesAndHoldsBackChunks_ClientGetsFilteredBody()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(EchoRouteConfig.Yaml(upstream.Port, """
              - {name: probe-high, config: {tag: h, uppercase: true}}
              - {name: probe-low, config: {tag: l, hold_until_end: true}}
            """));

        var body = await gateway.Client.GetStringAsync("/r/drip?count=3&interval=5");

        Assert.Equal("[held:CHUNK0\nCHUNK1\nCHUNK2\n]", body);
    }
}
