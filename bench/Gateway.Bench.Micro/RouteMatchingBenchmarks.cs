using BenchmarkDotNet.Attributes;
using Gateway.Host.Configuration.Model;
using Gateway.Host.Routing;
using Microsoft.AspNetCore.Http;

namespace Gateway.Bench.Micro;

/// <summary>Router.Match over 1,000 and 10,000 routes of mixed kinds (plain prefix, regex, host+method, header),
/// Kong's traditional_compatible order: a plain-prefix hit ranked below every other kind (the Claude Code path), a
/// regex capture and no match at all. The request carries the header the header routes test, so they are not
/// ruled out for free.</summary>
[MemoryDiagnoser]
public class RouteMatchingBenchmarks
{
    private Router _router = null!;
    private Router _oneHostRouter = null!;
    private string _oneHostLastPath = null!;
    private HeaderDictionary _headers = null!;
    private string _regexPath = null!;

    [Params(1_000, 10_000)]
    public int Routes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var service = new ServiceEntity { Id = "svc", Name = "svc", Host = "upstream" };
        var routes = Enumerable.Range(0, Routes).Select(i => (i % 4) switch
        {
            0 => Route(i, paths: [$"/svc{i}/"]),
            1 => Route(i, paths: [$"~/re{i}/(?<id>\\d+)"]),
            2 => Route(i, hosts: [$"*.h{i}.example"], methods: ["POST"]),
            _ => Route(i, headers: new Dictionary<string, IReadOnlyList<string>> { ["x-tenant"] = [$"t{i}", "~*^team-"] }),
        }).ToList();
        routes.Add(Route(Routes, paths: ["/anything"]));
        _regexPath = $"/re{Routes - 3}/12";
        _router = new Router(new GatewayConfig([service], routes, []));
        _headers = new HeaderDictionary { ["X-Tenant"] = "nobody", ["Content-Type"] = "application/json" };
        // Every route on one host, each with its own path: the index must file them by path, not by host.
        _oneHostRouter = new Router(new GatewayConfig(
            [service],
            [.. Enumerable.Range(0, Routes).Select(i => Route(i, paths: [$"/svc{i}/"], hosts: ["api.example.com"]))],
            []));
        _oneHostLastPath = $"/svc{Routes - 1}/v1/messages";
    }

    private static RouteEntity Route(int i, string[]? paths = null, string[]? methods = null, string[]? hosts = null,
        Dictionary<string, IReadOnlyList<string>>? headers = null) => new()
        {
            Id = "r" + i,
            Name = "route" + i,
            ServiceId = "svc",
            Paths = paths ?? [],
            Methods = methods ?? [],
            Hosts = hosts ?? [],
            Headers = headers ?? [],
        };

    [Benchmark(Baseline = true)]
    public object? ClaudeCodePath() => _router.Match("POST", "127.0.0.1:8000", "/anything/v1/messages", _headers);

    /// <summary>The same request through the priority-order scan of every route (the router before its index),
    /// so the index's gain is measured in the same run.</summary>
    [Benchmark]
    public object? ClaudeCodePathByScan() => _router.MatchByScan("POST", "127.0.0.1:8000", "/anything/v1/messages", _headers);

    [Benchmark]
    public object? RegexCapture() => _router.Match("GET", "api.example.com", _regexPath, _headers);

    [Benchmark]
    public object? OneHostManyPaths() => _oneHostRouter.Match("GET", "api.example.com", _oneHostLastPath, _headers);

    [Benchmark]
    public object? NoMatch() => _router.Match("GET", "api.example.com:8000", "/nothing/here", _headers);
}
