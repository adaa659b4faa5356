using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Pipeline;

/// <summary>What a plugin's configure phase attaches to an instance (PluginInstance.SetPrepared) is what the
/// request phases read back (PluginContext.GetPrepared) for that instance, not another's.</summary>
public sealed class PreparedInstanceTests
{
    public PreparedInstanceTests() => ProbeCalls.EnsureInstalled();

    [Fact]
    public async Task GetPrepared_InstancesAtTwoScopes_EachRequestReadsItsOwnInstancesValue()
    {
        await using var upstream = await TestUpstream.StartAsync();
        var yaml = $$$"""
            _format_version: "3.0"
            services:
              - name: svc
                url: http://127.0.0.1:{{{upstream.Port}}}
                routes:
                  - name: r
                    paths: ["/r"]
                  - name: special
                    paths: ["/special"]
                    plugins:
                      - {name: probe-low, config: {tag: s, record_prepared: true}}
            plugins:
              - {name: probe-low, config: {tag: g, record_prepared: true}}
            """;
        await using var gateway = await GatewayTestHost.StartAsync(yaml);

        using var plain = await gateway.Client.GetAsync("/r");
        using var special = await gateway.Client.GetAsync("/special");

        Assert.Contains("probe-low:g:prepared=g@global", await CallsAsync(plain));
        Assert.Contains("probe-low:s:prepared=s@route:special", await CallsAsync(special));
    }

    private static async Task<IReadOnlyList<string>> CallsAsync(HttpResponseMessage response)
    {
        Assert.Equal(200, (int)response.StatusCode);
        return await PhaseOrderTests.WaitForLogAsync(response.Headers.GetValues("X-Kong-Request-Id").Single(), expectedLogCalls: 1);
    }
}
