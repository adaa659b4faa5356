using static Gateway.Host.Tests.Routing.RouterTestConfig;

namespace Gateway.Host.Tests.Routing;

/// <summary>Kong's priority order; the expected winner is always declared first-losing, so order cannot explain it.</summary>
public sealed class RouterPriorityTests
{
    [Fact]
    public void Match_MoreFields_BeatsFewer()
    {
        var router = Router(Route("paths-only", paths: ["/api"]), Route("paths-and-method", paths: ["/a"], methods: ["GET"]));
        Assert.Equal("paths-and-method", router.Match("/api")?.Route.Name);
    }

    [Fact]
    public void Match_PlainHost_BeatsWildcardHost()
    {
        var router = Router(Route("wildcard", hosts: ["*.example.com"]), Route("plain", hosts: ["api.example.com"]));
        Assert.Equal("plain", router.Match("/", host: "api.example.com")?.Route.Name);
        Assert.Equal("wildcard", router.Match("/", host: "www.example.com")?.Route.Name);
    }

    [Fact]
    public void Match_MoreHeaders_Wins()
    {
        var router = Router(
            Route("one-header", headers: new() { ["x-a"] = ["1"] }),
            Route("two-headers", headers: new() { ["x-a"] = ["1"], ["x-b"] = ["2"] }));
        Assert.Equal("two-headers", router.Match("/", headers: new() { ["X-A"] = "1", ["X-B"] = "2" })?.Route.Name);
        Assert.Equal("one-header", router.Match("/", headers: new() { ["X-A"] = "1" })?.Route.Name);
    }

    [Fact]
    public void Match_Regex_BeatsLongerPrefix()
    {
        var router = Router(Route("prefix", paths: ["/api/v1/messages"]), Route("regex", paths: ["~/api"]));
        Assert.Equal("regex", router.Match("/api/v1/messages")?.Route.Name);
    }

    [Fact]
    public void Match_RegexPriority_HigherWins()
    {
        var router = Router(
            Route("low", paths: ["~/api/.*"], regexPriority: 1),
            Route("negative", paths: ["~/api/v"], regexPriority: -5),
            Route("high", paths: ["~/api"], regexPriority: 5));
        Assert.Equal("high", router.Match("/api/v1")?.Route.Name);
    }

    [Fact]
    public void Match_NegativeRegexPriority_LosesToZero()
    {
        var router = Router(Route("negative", paths: ["~/api"], regexPriority: -1), Route("zero", paths: ["~/api"]));
        Assert.Equal("zero", router.Match("/api")?.Route.Name);
    }

    [Fact]
    public void Match_LongerPrefix_Wins()
    {
        var router = Router(Route("short", paths: ["/api"]), Route("long", paths: ["/api/v1"]));
        Assert.Equal("long", router.Match("/api/v1/x")?.Route.Name);
        Assert.Equal("short", router.Match("/api/v2")?.Route.Name);
    }

    [Fact]
    public void Match_RouteWithShortAndLongPath_EachPathRankedByItsOwnLength()
    {
        var router = Router(Route("a-and-abcd", paths: ["/a", "/abcd"]), Route("abc", paths: ["/abc"]));

        var longest = router.Match("/abcd/x");
        Assert.Equal(("a-and-abcd", "/abcd"), (longest?.Route.Name, longest?.MatchedPath));
        Assert.Equal("abc", router.Match("/abcx")?.Route.Name);
        Assert.Equal(("a-and-abcd", "/a"), (router.Match("/ax")?.Route.Name, router.Match("/ax")?.MatchedPath));
    }

    [Fact]
    public void Match_EqualPriority_FirstInConfigurationOrderWins()
    {
        var router = Router(Route("first", paths: ["/same"]), Route("second", paths: ["/same"]));
        Assert.Equal("first", router.Match("/same")?.Route.Name);
    }
}
