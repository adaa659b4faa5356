using System.Net;
using Gateway.Plugins.Testing;

namespace RequestStamp.Tests;

/// <summary>The plugin's phases through the real gateway pipeline, in process, with Sluice.Plugin.Testing.</summary>
public sealed class RequestStampPluginTests
{
    private const string StampedAndPlain = """
        _format_version: "3.0"
        services:
          - name: upstream
            url: ${{ env "DECK_UPSTREAM_URL" }}
            routes:
              - name: stamped
                paths: [/stamped]
                plugins:
                  - name: request-stamp
                    config:
                      value: team-a
              - name: plain
                paths: [/plain]
        """;

    [Fact]
    public async Task Access_OnItsRoute_SendsTheStampUpstream()
    {
        await using var gateway = await PluginTestGateway.StartAsync(StampedAndPlain, options => options.AddPlugin<RequestStampPlugin>());

        using var response = await gateway.Client.GetAsync(new Uri("/stamped", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(gateway.UpstreamRequests);
        Assert.Equal("team-a", seen.Headers["x-request-stamp"]);
    }

    [Fact]
    public async Task HeaderFilterAndLog_OnItsRoute_StampTheResponseAndTheLogEntry()
    {
        await using var gateway = await PluginTestGateway.StartAsync(StampedAndPlain, options => options.AddPlugin<RequestStampPlugin>());

        using var response = await gateway.Client.GetAsync(new Uri("/stamped", UriKind.Relative));
        var entry = await gateway.NextLogEntryAsync();

        Assert.Equal(["team-a"], response.Headers.GetValues("x-request-stamp"));
        Assert.Equal("team-a", entry.GetProperty("request_stamp").GetProperty("value").GetString());
    }

    [Fact]
    public async Task AllPhases_OnARouteWithoutThePlugin_DoNotRun()
    {
        await using var gateway = await PluginTestGateway.StartAsync(StampedAndPlain, options => options.AddPlugin<RequestStampPlugin>());

        using var response = await gateway.Client.GetAsync(new Uri("/plain", UriKind.Relative));
        var entry = await gateway.NextLogEntryAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("x-request-stamp"));
        Assert.False(Assert.Single(gateway.UpstreamRequests).Headers.ContainsKey("x-request-stamp"));
        Assert.False(entry.TryGetProperty("request_stamp", out _));
    }

    [Fact]
    public async Task Config_WithoutAValue_IsRejectedAtStartupNamingTheField()
    {
        const string yaml = """
            _format_version: "3.0"
            plugins:
              - name: request-stamp
                config:
                  header_name: x-team
            """;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PluginTestGateway.StartAsync(yaml, options => options.AddPlugin<RequestStampPlugin>()));

        Assert.Contains("config.value: is required", error.Message, StringComparison.Ordinal);
    }
}
