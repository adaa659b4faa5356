using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Proxy;

/// <summary>Requests whose framing or target nginx (and so Kong) refuses are refused here too, before any plugin
/// or upstream sees them. Raw (unencoded) non-ASCII bytes in the target are refused by Kestrel itself: RFC 9112
/// requires an ASCII request-target, and every HTTP client library percent-encodes.</summary>
public sealed class RequestFramingTests
{
    [Theory]
    [InlineData("GET /r/%zz HTTP/1.1\r\nHost: t\r\n\r\n", 400)]
    [InlineData("GET /r/a%2 HTTP/1.1\r\nHost: t\r\n\r\n", 400)]
    [InlineData("GET /r/a%00b HTTP/1.1\r\nHost: t\r\n\r\n", 400)]
    [InlineData("GET /r/caf\u00c3\u00a9 HTTP/1.1\r\nHost: t\r\n\r\n", 400)]
    [InlineData("CONNECT /r HTTP/1.1\r\nHost: t\r\n\r\n", 405)]
    [InlineData("POST /r HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffff\r\nx\r\n", 400)]
    [InlineData("POST /r HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 501)]
    [InlineData("POST /r HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 400)]
    public async Task MalformedRequest_IsRefusedLikeNginx_AndNeverReachesUpstream(string request, int expected)
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(EchoRouteConfig.Yaml(upstream.Port, "  []"));

        var response = await RawClient.ExchangeAsync(gateway.BaseUri.Port, request);

        Assert.NotNull(response);
        Assert.Equal(expected, response.Status);
        Assert.Empty(upstream.Received);
        Assert.DoesNotContain(response.Headers.Values.Append(response.Body), text => text.Contains("   at ", StringComparison.Ordinal));
        // After a request whose framing could not be trusted, nothing more is read from that connection.
        Assert.Equal("close", response.Headers["connection"], ignoreCase: true);
        using var next = await gateway.Client.GetAsync("/r/ok");
        Assert.Equal(200, (int)next.StatusCode);
    }

    [Fact]
    public async Task PercentInQuery_IsForwardedUntouched()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(EchoRouteConfig.Yaml(upstream.Port, "  []"));

        // nginx only decodes the path; a query is the upstream's to interpret.
        var response = await RawClient.ExchangeAsync(gateway.BaseUri.Port, "GET /r/x?a=%zz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");

        Assert.Equal(200, response?.Status);
        Assert.Equal("/x?a=%zz", Assert.Single(upstream.Received).RawTarget);
    }

    [Fact]
    public async Task NonAsciiHeaderValue_IsForwardedByteForByte()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(EchoRouteConfig.Yaml(upstream.Port, "  []"));

        // "café" as UTF-8 bytes in a header value: obs-text that nginx passes through as it came.
        var response = await RawClient.ExchangeAsync(gateway.BaseUri.Port, "GET /r/x HTTP/1.1\r\nHost: t\r\nX-Name: caf\u00c3\u00a9\r\nConnection: close\r\n\r\n");

        Assert.Equal(200, response?.Status);
        Assert.Single(upstream.Received);
    }
}
