using Gateway.Host.Routing;
using static Gateway.Host.Tests.Routing.RouterTestConfig;

namespace Gateway.Host.Tests.Routing;

/// <summary>Routing over UTF-8 paths: a request arrives percent-encoded, routes may be written either way, and the
/// upstream path leaves percent-encoded again.</summary>
public sealed class Utf8PathRoutingTests
{
    [Theory]
    [InlineData("/café", "/caf%C3%A9/menu")]
    [InlineData("/café", "/caf%c3%a9/menu")]
    [InlineData("/caf%C3%A9", "/caf%C3%A9/menu")]
    [InlineData("/日本", "/%E6%97%A5%E6%9C%AC/x")]
    [InlineData("/a b", "/a%20b")]
    public void Match_PlainRoutePathWithNonAscii_MatchesEncodedRequest(string routePath, string requestPath)
    {
        var router = Router(Route("r", paths: [routePath]));
        Assert.NotNull(router.Match(requestPath));
    }

    [Theory]
    [InlineData("~/caf(é|e)/(?<id>\\d+)$", "/caf%C3%A9/42", "42")]
    [InlineData("~/caf(é|e)/(?<id>\\d+)$", "/cafe/7", "7")]
    [InlineData("~/(?<word>\\p{L}+)$", "/%E6%97%A5%E6%9C%AC", "日本")]
    public void Match_RegexWithNonAscii_MatchesDecodedPathAndCaptures(string routePath, string requestPath, string capture)
    {
        var router = Router(Route("r", paths: [routePath]));
        var match = router.Match(requestPath);
        Assert.NotNull(match);
        Assert.Equal(capture, match.UriCaptures.Values.Last());
    }

    [Theory]
    [InlineData("/api", "/api/caf%C3%A9", "/caf%C3%A9")]
    [InlineData("/api", "/api/a%20b%22c", "/a%20b%22c")]
    [InlineData("/api", "/api/%E6%97%A5?x", "/%E6%97%A5")]
    [InlineData("/api", "/api/a%2Fb", "/a%2Fb")]
    [InlineData("/api", "/api/%0d%0aX:%20y", "/%0D%0AX:%20y")]
    public void Match_UpstreamPath_IsPercentEncodedForTheWire(string routePath, string requestPath, string upstream)
    {
        var router = Router(Route("r", paths: [routePath]));
        Assert.Equal(upstream, router.Match(requestPath.Split('?')[0])!.UpstreamPath);
    }

    [Fact]
    public void Match_InvalidUtf8Bytes_StayEncodedAndDoNotMatchText()
    {
        var router = Router(Route("r", paths: ["/caf"]));
        var match = router.Match("/caf%FF%FE");
        Assert.NotNull(match);
        Assert.Equal("/%FF%FE", match.UpstreamPath);
    }
}
