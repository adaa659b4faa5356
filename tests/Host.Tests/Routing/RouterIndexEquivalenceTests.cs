using Gateway.Host.Configuration.Model;
using Gateway.Host.Routing;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Tests.Routing;

/// <summary>
/// The route index must not change which route wins: over thousands of random routes of every kind and many
/// random requests, Match (indexed) returns the same sub-route and matched path as MatchByScan, the priority-order
/// scan of every route that is Kong's rule as written.
/// </summary>
public sealed class RouterIndexEquivalenceTests
{
    private static readonly string[] Segments = ["/a", "/ab", "/abc", "/a/b", "/api", "/api/v1", "/api/v1/messages", "/anything", "/caf%C3%A9", "/café", "/x", "/x/y/z", "/API", "/api/v2"];
    private static readonly string[] Regexes =
    [
        "~/api/(?<version>v\\d+)", "~/ab?c", "~/a*/b", "~/x|/api", "~^/anything/.*", "~/re(\\d+)/", "~/api/v1/m.+", "~(?i)/API",
        "~/a{2}", "~/[ax]/y", "~/café", "~^/x/y", "~/api\\/v2",
    ];
    private static readonly string[] RequestPaths = [.. Segments, "", "/", "/zzz", "/b", "/q/r", "/nothing/here", "/Z", "/%7E", "/ac", "/aa", "/y"];
    private static readonly string[] HostNames = ["example.com", "api.example.com", "Example.COM", "a.b.example.com", "example.org", "other.net", "[::1]", "localhost", "unknown.test", "none.invalid", "unknown.test"];
    private static readonly string[] RouteHosts = ["example.com", "*.example.com", "example.*", "api.example.com", "API.example.com:8000", "*.b.example.com", "localhost:8443", "[::1]", "*.net", "other.*"];
    private static readonly string[] Methods = ["GET", "POST", "PUT"];
    private static readonly string[] HeaderValues = ["t1", "T2", "~*^team-", "~*beta$", "v1"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Match_RandomRoutesAndRequests_SameRouteAsPriorityScan(int seed)
    {
        var random = new Random(seed);
        var router = RandomRouter(random, 2000);
        for (var i = 0; i < 4000; i++)
        {
            var (method, host, path, headers) = RandomRequest(random);
            var expected = router.MatchByScan(method, host, path, headers);
            var actual = router.Match(method, host, path, headers);
            Assert.True(
                ReferenceEquals(expected?.Route, actual?.Route) && expected?.MatchedPath == actual?.MatchedPath,
                $"{method} {host} {path} [{string.Join(", ", headers.Select(h => $"{h.Key}: {h.Value}"))}]: " +
                $"scan {expected?.Route.Name} ({expected?.MatchedPath}), index {actual?.Route.Name} ({actual?.MatchedPath})");
        }
    }

    [Fact]
    public void Match_RandomRequests_ManyDifferentWinnersAndSomeMisses()
    {
        // Guards the test above against a generator whose requests all miss, or all land on a few routes.
        var random = new Random(1);
        var router = RandomRouter(random, 2000);
        var winners = new HashSet<string>();
        var misses = 0;
        const int Requests = 1000;
        for (var i = 0; i < Requests; i++)
        {
            var (method, host, path, headers) = RandomRequest(random);
            if (router.Match(method, host, path, headers) is { } match)
                winners.Add(match.Route.Id);
            else
                misses++;
        }

        Assert.InRange(misses, Requests / 40, Requests / 2);
        Assert.True(winners.Count >= 50, $"{winners.Count} different winning routes");
    }

    private static Router RandomRouter(Random random, int count)
    {
        var service = new ServiceEntity { Id = "svc", Name = "svc", Host = "upstream" };
        var routes = Enumerable.Range(0, count).Select(i => RandomRoute(random, i) with { ServiceId = service.Id }).ToArray();
        return new Router(new GatewayConfig([service], routes, []));
    }

    private static RouteEntity RandomRoute(Random random, int i)
    {
        // No catch-all route: then some requests match nothing.
        var hosts = random.Next(3) == 0 ? Enumerable.Range(0, random.Next(1, 3)).Select(_ => Pick(random, RouteHosts)).Distinct().ToArray() : [];
        var headers = random.Next(5) == 0
            ? new Dictionary<string, IReadOnlyList<string>> { [random.Next(2) == 0 ? "x-tenant" : "x-channel"] = [Pick(random, HeaderValues), Pick(random, HeaderValues)] }
            : new Dictionary<string, IReadOnlyList<string>>();
        var paths = random.Next(4) switch
        {
            0 when hosts.Length > 0 || headers.Count > 0 => [],
            0 => [PlainPath(random)],
            1 => [PlainPath(random)],
            // Several paths: Kong splits them by kind and length into sub-routes.
            2 => Enumerable.Range(0, random.Next(2, 5)).Select(_ => random.Next(3) == 0 ? Pick(random, Regexes) : PlainPath(random)).Distinct().ToArray(),
            _ => [Pick(random, Regexes)],
        };
        // Thousands of routes share a few prefixes, hosts and header values, as real configs do.
        return new RouteEntity
        {
            Id = "r" + i,
            Name = "route" + i,
            Paths = paths,
            Methods = random.Next(4) == 0 ? [Pick(random, Methods)] : [],
            Hosts = hosts,
            Headers = headers,
            RegexPriority = random.Next(-2, 3),
            StripPath = random.Next(2) == 0,
        };
    }

    private static string PlainPath(Random random) => Pick(random, Segments) + (random.Next(3) == 0 ? "/" + random.Next(10) : "");

    private static (string Method, string Host, string Path, HeaderDictionary Headers) RandomRequest(Random random)
    {
        var host = Pick(random, HostNames) + (random.Next(3) == 0 ? ":" + Pick(random, new[] { "8000", "8443", "x" }) : "");
        var path = Pick(random, RequestPaths) + Pick(random, new[] { "", "/", "/1", "/v1/messages", "x", "/12/", "/y/z", "%2F" });
        if (path.Length == 0 || path[0] != '/')
            path = "/" + path;
        var headers = new HeaderDictionary();
        if (random.Next(2) == 0)
            headers["X-Tenant"] = Pick(random, new[] { "t1", "T1", "t2", "team-red", "nobody", "beta" });
        if (random.Next(3) == 0)
            headers["x-channel"] = Pick(random, new[] { "v1", "V1", "alpha-beta", "team-" });
        return (Pick(random, Methods), host, path, headers);
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
