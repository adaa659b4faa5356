using System.Net;
using Gateway.Plugins.Testing;

namespace Company.GatewayPlugin.Tests;

/// <summary>
/// Runs the plugin through the real gateway pipeline in this process: decK YAML in, HTTP requests through the
/// proxy listener, the upstream's view of each request back.
/// </summary>
public sealed class TemplatePrefixPluginTests
{
    // The test gateway sets DECK_UPSTREAM_URL to its upstream (an echo server unless the test gives its own).
    private const string TwoRoutes = """
        _format_version: "3.0"
        services:
          - name: upstream
            url: ${{ env "DECK_UPSTREAM_URL" }}
            routes:
              - name: stamped
                paths: [/stamped]
                plugins:
                  - name: company-gateway-plugin
                    config:
                      value: team-a
              - name: plain
                paths: [/plain]
        """;

    [Fact]
    public async Task HeaderFilter_OnTheRouteItIsAttachedTo_SetsTheConfiguredHeader()
    {
        await using var gateway = await PluginTestGateway.StartAsync(TwoRoutes, options => options.AddPlugin<TemplatePrefixPlugin>());

        using var response = await gateway.Client.GetAsync(new Uri("/stamped/orders", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["team-a"], response.Headers.GetValues("x-company-gateway-plugin"));
        // The route's prefix is stripped on the way upstream (Kong's strip_path, true by default).
        Assert.Equal("/orders", Assert.Single(gateway.UpstreamRequests).PathAndQuery);
    }

    [Fact]
    public async Task HeaderFilter_OnARouteWithoutThePlugin_DoesNotRun()
    {
        await using var gateway = await PluginTestGateway.StartAsync(TwoRoutes, options => options.AddPlugin<TemplatePrefixPlugin>());

        using var response = await gateway.Client.GetAsync(new Uri("/plain", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("x-company-gateway-plugin"));
    }

    [Fact]
    public async Task HeaderFilter_WhenTheUpstreamAnswersAnError_StillSetsTheHeader()
    {
        await using var gateway = await PluginTestGateway.StartAsync(TwoRoutes, options =>
        {
            options.AddPlugin<TemplatePrefixPlugin>();
            options.UseUpstream(http =>
            {
                http.Response.StatusCode = 503;
                return Task.CompletedTask;
            });
        });

        using var response = await gateway.Client.GetAsync(new Uri("/stamped", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(["team-a"], response.Headers.GetValues("x-company-gateway-plugin"));
    }

    [Fact]
    public async Task Config_WithALineBreakInTheValue_IsRejectedAtStartupNamingTheField()
    {
        const string yaml = """
            _format_version: "3.0"
            plugins:
              - name: company-gateway-plugin
                config:
                  value: "a\r\nSet-Cookie: x=y"
            """;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PluginTestGateway.StartAsync(yaml, options => options.AddPlugin<TemplatePrefixPlugin>()));

        Assert.Contains("config.value: must not contain CR, LF or NUL", error.Message, StringComparison.Ordinal);
    }
}
