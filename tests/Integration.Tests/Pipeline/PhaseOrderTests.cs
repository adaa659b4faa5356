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
