using Gateway.Host.Routing;
using static Gateway.Host.Tests.Routing.RouterTestConfig;

namespace Gateway.Host.Tests.Routing;

public sealed class UpstreamPathTests
{
    // Kong reference §2.3 worked examples, route paths ["/api"], verbatim. null = no service path.
    [Theory]
    [InlineData(null, true, "/api", "/")]
    [InlineData("/", true, "/api/foo?x=1", "/foo?x=1")]
    [InlineData("/", true, "/apifoo", "/foo")]
    [InlineData("/", false, "/api/foo", "/api/foo")]
    [InlineData("/v1", true, "/api", "/v1")]
    [InlineData("/v1", true, "/api/", "/v1/")]
    [InlineData("/v1", true, "/api/foo", "/v1/foo")]
    [InlineData("/v1", false, "/api/foo", "/v1/api/foo")]
    [InlineData("/v1/", true, "/api", "/v1")]
    [InlineData("/v1/", true, "/api/foo", "/v1/foo")]
    [InlineData("/v1/", false, "/api/foo", "/v1/api/foo")]
    public void Match_ReferenceWorkedExamples_GiveKongUpstreamPath(string? servicePath, bool stripPath, string request, string expected)
    {
        var router = RouterWithService(servicePath, Route("api", paths: ["/api"], stripPath: stripPath));
        var queryAt = request.IndexOf('?', StringComparison.Ordinal);
        var path = queryAt < 0 ? request : request[..queryAt];
        var query = queryAt < 0 ? "" : request[queryAt..];

        var match = router.Match(path);

        Assert.NotNull(match);
        Assert.Equal(expected, match.UpstreamPath + query);
    }

    [Theory]
    [InlineData("/v1", true, "/api", "/api..", "/v1")]
    [InlineData("/v1", true, "/api", "/api../x", "/v1/x")]
    [InlineData("/v1/", true, "/api", "/api/", "/v1/")]
    [InlineData("/", true, "/", "/foo", "/foo")]
    [InlineData("/v1", true, "/", "/foo", "/v1/foo")]
    [InlineData("/v1", false, "/", "/", "/v1")]
    public void Build_EdgeCases_FollowKongV0(string? servicePath, bool stripPath, string prefix, string request, string expected) =>
        Assert.Equal(expected, UpstreamPath.Build(servicePath, stripPath, prefix, request));
}
