using System.Net.Http.Json;
using Gateway.Integration.Tests.Infrastructure;
using Gateway.Integration.Tests.Plugins.AiProxy;

namespace Gateway.Integration.Tests.Proxy;

/// <summary>
/// Request splitting: nothing a client puts in its request target, and nothing a plugin or the config puts in a
/// header, may make the gateway write CR, LF or NUL into a header — the upstream would read the rest as headers of
/// the operator's choosing, or as a second request that no route and no plugin ever saw.
/// </summary>
public sealed class HeaderInjectionTests
{
    private const string SmuggledRequest = "%0d%0aContent-Length:%200%0d%0a%0d%0aGET%20/admin%20HTTP/1.1%0d%0aHost:%20internal%0d%0aX:%20";

    public HeaderInjectionTests() => ProbeCalls.EnsureInstalled();

    [Theory]
    [InlineData("/r/a" + SmuggledRequest)]
    [InlineData("/r/a%0aGET%20/admin%20HTTP/1.1%0aHost:%20internal%0aX:%20")]
    [InlineData("/r/a%0d%0aX-Injected:%20yes")]
    public async Task EncodedControlCharactersInPath_UpstreamSeesOneRequestWithTheEncodedPath(string target)
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(EchoRouteConfig.Yaml(upstream.Port, "  []"));

        using var response = await gateway.Client.GetAsync(target);
        await response.Content.ReadAsStringAsync();
        // A second request on the same upstream connection would arrive just after the first: give it the chance.
        using var probe = await gateway.Client.GetAsync("/r/after");
        await probe.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        var seen = upstream.Received.ToArray();
        Assert.Equal(2, seen.Length);
        Assert.DoesNotContain(seen, r => r.PathAndQuery.StartsWith("/admin", StringComparison.Ordinal));
        Assert.DoesNotContain(seen[0].Headers.Keys, name => name == "x-injected" || name == "x");
        Assert.Equal(target, seen[0].Headers["x-forwarded-path"], ignoreCase: true);
        Assert.Equal(target["/r".Length..], seen[0].RawTarget, ignoreCase: true);
        Assert.DoesNotContain(seen[0].Headers.Values, v => v.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0);
    }

    [Fact]
    public async Task EncodedCrLfInPath_OnAiProxyRoute_AddsNoHeaderBesideTheProviderKey()
    {
        await using var h = await AiProxyHarness.StartAsync();
        using var request = ClaudeCodeRequest.Messages(stream: false);
        request.RequestUri = new Uri("/anything/a%0d%0aanthropic-version:%201999-01-01%0d%0aX:%20", UriKind.Relative);

        using var response = await h.Client.SendAsync(request);
        await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        var seen = await h.SingleRecordedAsync();
        Assert.Equal(AiProxySetup.AnthropicVersion, seen.Headers["anthropic-version"]);
        Assert.False(seen.Headers.ContainsKey("x"), "a header smuggled through the path reached Anthropic");
    }

    [Fact]
    public async Task PluginSetsRequestHeaderWithCrLf_Answers500AndUpstreamIsNeverCalled()
    {
        await using var upstream = await TestUpstream.StartAsync();
        var logs = new RecordingLoggerProvider();
        await using var gateway = await GatewayTestHost.StartAsync(
            [EchoRouteConfig.Yaml(upstream.Port, """
                  - {name: probe-high, config: {tag: h, request_header: "ok\r\nX-Injected: yes"}}
                """)],
            loggerProvider: logs);

        using var response = await gateway.Client.GetAsync("/r");

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("{\"message\":\"An unexpected error occurred\"}", await response.Content.ReadAsStringAsync());
        Assert.Empty(upstream.Received);
        var line = Assert.Single(logs.Entries, e => e.Message.Contains("x-probe-probe-high", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("X-Injected", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PluginSetsResponseHeaderWithCrLf_Answers500InsteadOfWritingIt()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(EchoRouteConfig.Yaml(upstream.Port, """
              - {name: probe-high, config: {tag: "ok\r\nSet-Cookie: session=stolen"}}
            """));

        using var response = await gateway.Client.GetAsync("/r");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("{\"message\":\"An unexpected error occurred\"}", body);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        using var next = await gateway.Client.GetAsync("/r");
        Assert.Equal(500, (int)next.StatusCode);
    }
}
