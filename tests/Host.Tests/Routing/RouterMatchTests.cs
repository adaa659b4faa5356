using Gateway.Host.Configuration.Model;
using Gateway.Host.Routing;
using Microsoft.AspNetCore.Http;
using static Gateway.Host.Tests.Routing.RouterTestConfig;

namespace Gateway.Host.Tests.Routing;

public sealed class RouterMatchTests
{
    [Theory]
    [InlineData("*.example.com", "api.example.com", true)]
    [InlineData("*.example.com", "a.b.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("example.*", "example.org", true)]
    [InlineData("example.*", "example", false)]
    [InlineData("Example.COM", "example.com:8000", true)]
    [InlineData("example.com:8000", "example.com:8000", true)]
    [InlineData("example.com:8000", "example.com:9000", false)]
    [InlineData("example.com:8000", "example.com", false)]
    [InlineData("*.example.com:8443", "api.example.com:8443", true)]
    [InlineData("[::1]", "[::1]:8000", true)]
    public void Match_Hosts_FollowKongWildcardAndPortRules(string routeHost, string requestHost, bool matches)
    {
        var router = Router(Route("r", hosts: [routeHost]));
        Assert.Equal(matches, router.Match("/", host: requestHost) is not null);
    }

    [Theory]
    [InlineData("claude-cli/2.0.1 (external)", true)]
    [InlineData("Claude-CLI/1.0", true)]
    [InlineData("curl/8.0", false)]
    public void Match_HeaderRegex_IsCaseInsensitive(string userAgent, bool matches)
    {
        var router = Router(Route("claude", headers: new() { ["user-agent"] = ["~*^claude-cli/"] }));
        Assert.Equal(matches, router.Match("/", headers: new() { ["User-Agent"] = userAgent }) is not null);
    }

    [Fact]
    public void Match_HeaderValues_AnyValueMatchesCaseInsensitively()
    {
        var router = Router(Route("r", headers: new() { ["x-version"] = ["v1", "v2"] }));
        Assert.NotNull(router.Match("/", headers: new() { ["X-Version"] = "V2" }));
        Assert.Null(router.Match("/", headers: new() { ["X-Version"] = "v3" }));
        Assert.Null(router.Match("/"));
    }

    [Fact]
    public void Match_MethodMismatch_ReturnsNull()
    {
        var router = Router(Route("post-only", paths: ["/v1/messages"], methods: ["POST"]));
        Assert.Null(router.Match("/v1/messages", method: "GET"));
        Assert.NotNull(router.Match("/v1/messages", method: "POST"));
    }

    [Fact]
    public void Match_NoRouteMatches_ReturnsNull() =>
        Assert.Null(Router(Route("api", paths: ["/api"])).Match("/other"));

    [Fact]
    public void Match_PlainPath_IsStringPrefixNotSegment()
    {
        var match = Router(Route("foo", paths: ["/foo"])).Match("/foobar");
        Assert.Equal(("/foo", "/bar"), (match?.MatchedPath, match?.PathAfterRoute));
    }

    [Fact]
    public void Match_NonNormalizedRequest_MatchesOnNormalizedPath()
    {
        var match = Router(Route("anything", paths: ["/anything"])).Match("/anything/../anything//v1/%6Dessages");
        Assert.Equal(("/anything", "/v1/messages", "/v1/messages"), (match?.MatchedPath, match?.PathAfterRoute, match?.UpstreamPath));
    }

    [Fact]
    public void Match_DotSegmentsCannotEscapeTheRoute()
    {
        var router = Router(Route("admin", paths: ["/admin"]), Route("public", paths: ["/public"]));
        Assert.Equal("admin", router.Match("/public/../admin")?.Route.Name);
        Assert.Equal("admin", router.Match("/%61dmin")?.Route.Name);
    }

    [Fact]
    public void Match_RegexWithNamedGroup_ExposesCapturesAndStripsMatchedText()
    {
        var match = Router(Route("users", paths: [@"~/users/(?<id>\d+)"])).Match("/users/42/profile");

        Assert.NotNull(match);
        Assert.Equal("/users/42", match.MatchedPath);
        Assert.Equal("/profile", match.PathAfterRoute);
        Assert.Equal("/users/42", match.UriCaptures["0"]);
        Assert.Equal("42", match.UriCaptures["id"]);
        Assert.Equal("42", match.UriCaptures["1"]);
    }

    [Fact]
    public void Match_Regex_IsAnchoredAtStart()
    {
        var router = Router(Route("v1", paths: ["~/v1/"]));
        Assert.Null(router.Match("/x/v1/"));
        Assert.NotNull(router.Match("/v1/messages"));
    }

    [Fact]
    public void Match_RouteWithoutPaths_MatchedPathIsSlash()
    {
        var match = Router(Route("by-host", hosts: ["example.com"])).Match("/v1/messages");
        Assert.Equal(("/", "/v1/messages", "/v1/messages"), (match?.MatchedPath, match?.PathAfterRoute, match?.UpstreamPath));
    }

    [Fact]
    public void Match_ServiceDisabled_RouteDoesNotMatch()
    {
        var service = new ServiceEntity { Id = "s", Host = "upstream", Enabled = false };
        var route = Route("r", paths: ["/"]) with { ServiceId = "s" };
        var router = new Router(new GatewayConfig([service], [route], []));
        Assert.Null(router.Match("GET", "example.com", "/", new HeaderDictionary()));
    }

    [Fact]
    public void Match_RouteWithoutService_MatchesWithNullService()
    {
        var route = Route("r", paths: ["/"]);
        var match = new Router(new GatewayConfig([], [route], [])).Match("GET", "h", "/x", new HeaderDictionary());
        Assert.Equal((route, (ServiceEntity?)null, "/x"), (match?.Route, match?.Service, match?.UpstreamPath));
    }
}
