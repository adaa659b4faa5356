using System.Net.Http.Json;
using Gateway.Integration.Tests.Infrastructure;
using Gateway.Integration.Tests.Plugins.AiProxy;

namespace Gateway.Integration.Tests.Proxy;

/// <summary>UTF-8 paths are proxied as Kong proxies them: percent-encoded on the wire, to the upstream and in the
/// forwarded headers, and routed on their decoded form.</summary>
public sealed class NonAsciiPathTests
{
    private static string Config(int port, string paths) => $$"""
        _format_version: "3.0"
        services:
          - name: echo
            url: http://127.0.0.1:{{port}}
            routes:
              - name: r
                paths: {{paths}}
        """;

    [Theory]
    [InlineData("[\"/plain\"]", "/plain/caf%C3%A9", "/caf%C3%A9")]
    [InlineData("[\"/plain\"]", "/plain/%E6%97%A5%E6%9C%AC?q=%C3%A9", "/%E6%97%A5%E6%9C%AC?q=%C3%A9")]
    [InlineData("[\"/café\"]", "/caf%C3%A9/x", "/x")]
    [InlineData("[\"/caf%C3%A9\"]", "/caf%c3%a9/x", "/x")]
    [InlineData("[\"~/caf(é|e)/(?<id>\\\\d+)$\"]", "/caf%C3%A9/42", "/")]
    public async Task NonAsciiPath_IsRoutedAndReachesUpstreamPercentEncoded(string routePaths, string request, string upstreamTarget)
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(Config(upstream.Port, routePaths));

        using var response = await gateway.Client.GetAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        var seen = (await response.Content.ReadFromJsonAsync<EchoedRequest>())!;
        Assert.Equal(upstreamTarget, seen.RawTarget, ignoreCase: true);
        Assert.Equal(request.Split('?')[0], seen.Headers["x-forwarded-path"], ignoreCase: true);
    }

    [Fact]
    public async Task NonAsciiPath_OnAiProxyRoute_ReachesAnthropic()
    {
        await using var h = await AiProxyHarness.StartAsync();
        using var request = ClaudeCodeRequest.Messages(stream: false);
        request.RequestUri = new Uri("/anything/caf%C3%A9", UriKind.Relative);

        using var response = await h.Client.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("/v1/messages", (await h.SingleRecordedAsync()).PathAndQuery);
    }
}
