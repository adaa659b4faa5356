using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Pipeline;

public sealed class PhaseOrderTests
{
    public PhaseOrderTests() => ProbeCalls.EnsureInstalled();

    [Fact]
    public async Task Phases_SeveralPlugins_RunByPriorityThenNameDescendingInEveryPhase()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(EchoRouteConfig.Yaml(upstream.Port, """
              - name: probe-low
              - name: probe-tie-a
              - name: probe-high
              - name: probe-tie-b
            """));

        using var response = await gateway.Client.GetAsync("/r/x");
        var id = response.Headers.GetValues("X-Kong-Request-Id").Single();
        await response.Content.ReadAsStringAsync();
        var calls = await WaitForLogAsync(id, expectedLogCalls: 4);

        string[] order = ["probe-high", "probe-tie-b", "probe-tie-a", "probe-low"];
        foreach (var phase in new[] { "access", "header_filter", "body_filter:eos", "log" })
        {
            var inPhase = calls.Where(c => c.EndsWith(":" + phase, StringComparison.Ordinal)).Select(c => c.Split(':')[0]).ToArray();
            Assert.Equal(order, inPhase);
        }
    }

    [Theory]
    [InlineData(true, true, true, true, "route+service")]
    [InlineData(false, true, true, true, "route")]
    [InlineData(false, false, true, true, "service")]
    [InlineData(false, false, false, true, "global")]
    public async Task Precedence_InstancesAtSeveralScopes_MostSpecificOneRunsAlone(bool routeAndService, bool route, bool service, bool global, string expected)
    {
        await using var upstream = await TestUpstream.StartAsync();
        var plugins = new List<string>();
        if (routeAndService)
        {
            plugins.Add("  - {name: probe-high, route: r, service: echo, config: {tag: route+service}}");
        }

        if (route)
        {
            plugins.Add("  - {name: probe-high, route: r, config: {tag: route}}");
        }

        if (service)
        {
            plugins.Add("  - {name: probe-high, service: echo, config: {tag: service}}");
        }

        if (global)
        {
            plugins.Add("  - {name: probe-high, config: {tag: global}}");
        }

        await using var gateway = await GatewayTestHost.StartAsync(EchoRouteConfig.Yaml(upstream.Port, string.Join('\n', plugins)));
        using var response = await gateway.Client.GetAsync("/r");

        Assert.Equal(expected, response.Headers.GetValues("x-probe-probe-high").Single());
        var id = response.Headers.GetValues("X-Kong-Request-Id").Single();
        var calls = await WaitForLogAsync(id, expectedLogCalls: 1);
        Assert.Single(calls, c => c.EndsWith(":access", StringComparison.Ordinal));
    }

    // Kong's order once key-auth identified a consumer: consumer+route+service > consumer+route > consumer+service >
    // route+service > consumer > route > service > global. Each row declares its rung and every rung below it.
    [Theory]
    [InlineData(0, "consumer+route+service")]
    [InlineData(1, "consumer+route")]
    [InlineData(2, "consumer+service")]
    [InlineData(3, "route+service")]
    [InlineData(4, "consumer")]
    [InlineData(5, "route")]
    [InlineData(6, "service")]
    [InlineData(7, "global")]
    public async Task Precedence_WithAnAuthenticatedConsumer_MostSpecificOfKongsEightRungsRuns(int from, string expected)
    {
        string[] rungs =
        [
            "  - {name: probe-high, consumer: alex, route: r, service: echo, config: {tag: consumer+route+service}}",
            "  - {name: probe-high, consumer: alex, route: r, config: {tag: consumer+route}}",
            "  - {name: probe-high, consumer: alex, service: echo, config: {tag: consumer+service}}",
            "  - {name: probe-high, route: r, service: echo, config: {tag: route+service}}",
            "  - {name: probe-high, consumer: alex, config: {tag: consumer}}",
            "  - {name: probe-high, route: r, config: {tag: route}}",
            "  - {name: probe-high, service: echo, config: {tag: service}}",
            "  - {name: probe-high, config: {tag: global}}",
        ];
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(WithConsumers(upstream.Port, string.Join('\n', ["  - name: key-auth", .. rungs[from..]])));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/r");
        request.Headers.Add("apikey", "key-of-alex");
        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(expected, response.Headers.GetValues("x-probe-probe-high").Single());
        var calls = await WaitForLogAsync(response.Headers.GetValues("X-Kong-Request-Id").Single(), expectedLogCalls: 1);
        Assert.Single(calls, c => c.EndsWith(":access", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Precedence_ConsumerInstances_ApplyOnlyToTheirConsumerAndOnlyToPluginsAfterKeyAuth()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(WithConsumers(upstream.Port, """
              - name: key-auth
                config: {anonymous: anon}
              - {name: probe-first, config: {tag: global}}
              - {name: probe-first, consumer: alex, config: {tag: alex}}
              - {name: probe-high, route: r, config: {tag: route}}
              - {name: probe-high, consumer: alex, config: {tag: alex}}
              - {name: probe-low, consumer: bo, config: {tag: bo}}
            """));

        var alex = await ProbeTagsAsync(gateway, "key-of-alex");
        var bo = await ProbeTagsAsync(gateway, "key-of-bo");
        var anonymous = await ProbeTagsAsync(gateway, null);

        // probe-first (2000) runs before key-auth (1250) knows the consumer: its consumer instance never applies.
        Assert.Equal(("global", "alex", null), alex);
        Assert.Equal(("global", "route", "bo"), bo);
        Assert.Equal(("global", "route", null), anonymous);
    }

    private static async Task<(string? First, string? High, string? Low)> ProbeTagsAsync(GatewayTestHost gateway, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/r");
        if (key is not null)
        {
            request.Headers.Add("apikey", key);
        }

        using var response = await gateway.Client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        string? Tag(string name) => response.Headers.TryGetValues($"x-probe-{name}", out var values) ? values.Single() : null;
        return (Tag("probe-first"), Tag("probe-high"), Tag("probe-low"));
    }

    private static string WithConsumers(int upstreamPort, string plugins) => EchoRouteConfig.Yaml(upstreamPort, plugins) + """

        consumers:
          - username: alex
            keyauth_credentials: [{key: key-of-alex}]
          - username: bo
            keyauth_credentials: [{key: key-of-bo}]
          - username: anon
        """;

    [Fact]
    public async Task Precedence_RequestMatchingNoRoute_RunsGlobalPluginsOnly()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(EchoRouteConfig.Yaml(upstream.Port, """
              - {name: probe-high, config: {tag: global}}
              - {name: probe-low, route: r, config: {tag: route}}
            """));

        using var response = await gateway.Client.GetAsync("/nowhere");

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("{\"message\":\"no Route matched with those values\"}", await response.Content.ReadAsStringAsync());
        var id = response.Headers.GetValues("X-Kong-Request-Id").Single();
        var calls = await WaitForLogAsync(id, expectedLogCalls: 1);
        Assert.All(calls, c => Assert.StartsWith("probe-high:global:", c, StringComparison.Ordinal));
        Assert.Contains("probe-high:global:log", calls);
    }

    internal static async Task<IReadOnlyList<string>> WaitForLogAsync(string requestId, int expectedLogCalls)
    {
        // The log phase runs after the response completed, so it can trail the client's read slightly.
        for (var i = 0; i < 200; i++)
        {
            var calls = ProbeCalls.For(requestId);
            if (calls.Count(c => c.EndsWith(":log", StringComparison.Ordinal)) >= expectedLogCalls)
            {
                return calls;
            }

            await Task.Delay(10);
        }

        return ProbeCalls.For(requestId);
    }
}
