using BenchmarkDotNet.Attributes;
using Gateway.Host.Configuration.Model;
using Gateway.Host.Routing;
using Microsoft.AspNetCore.Http;

namespace Gateway.Bench.Micro;

/// <summary>Router.Match over 1,000 routes of mixed kinds (plain prefix, regex, host+method, header), Kong's
/// traditional_compatible order: the match found last, a plain-prefix match and no match at all.</summary>
[MemoryDiagnoser]
public class RouteMatchingBenchmarks
{
    private Router _router = null!;
    private HeaderDictionary _headers = null!;

    [GlobalSetup]
    public void Setup()
    {
        var service = new ServiceEntity { Id = "svc", Name = "svc", Host = "upstream" };
        var routes = Enumerable.Range(0, 1000).Select(i => (i % 4) switch
        {
            0 => Route(i, paths: [$"/svc{i}/"]),
            1 => Route(i, paths: [$"~/re{i}/(?<id>\\d+)"]),
            2 => Route(i, hosts: [$"*.h{i}.example"], methods: ["POST"]),
            _ => Route(i, headers: new Dictionary<string, IReadOnlyList<string>> { ["x-tenant"] = [$"t{i}", "~*^team-"] }),
        }).ToList();
        routes.Add(Route(1000, paths: ["/anything"]));
        _router = new Router(new GatewayConfig([service], routes, []));
        _headers = new HeaderDictionary { ["X-Tenant"] = "nobody", ["Content-Type"] = "application/json" };
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

    [Benchmark]
    public object? RegexCapture() => _router.Match("GET", "api.example.com", "/re997/12", _headers);

    [Benchmark]
    public object? NoMatch() => _router.Match("GET", "api.example.com:8000", "/nothing/here", _headers);
}
