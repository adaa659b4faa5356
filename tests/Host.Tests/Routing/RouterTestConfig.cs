using Gateway.Host.Configuration.Model;
using Gateway.Host.Routing;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Tests.Routing;

/// <summary>Builds routers from terse route lists; every route gets its own service unless one is given.</summary>
internal static class RouterTestConfig
{
    public static RouteEntity Route(
        string name, string[]? paths = null, string[]? methods = null, string[]? hosts = null,
        Dictionary<string, string[]>? headers = null, int regexPriority = 0, bool stripPath = true) =>
        new()
        {
            Id = Guid.NewGuid().ToString(),
            Name = name,
            Paths = paths ?? [],
            Methods = methods ?? [],
            Hosts = hosts ?? [],
            Headers = headers?.ToDictionary(h => h.Key, h => (IReadOnlyList<string>)h.Value) ?? [],
            RegexPriority = regexPriority,
            StripPath = stripPath,
        };

    public static Router Router(params RouteEntity[] routes) => RouterWithService(null, routes);

    public static Router RouterWithService(string? servicePath, params RouteEntity[] routes)
    {
        var service = new ServiceEntity { Id = Guid.NewGuid().ToString(), Name = "svc", Host = "upstream", Path = servicePath };
        return new Router(new GatewayConfig([service], routes.Select(r => r with { ServiceId = service.Id }).ToArray(), []));
    }

    public static RouteMatch? Match(this Router router, string path, string method = "GET", string host = "example.com",
        Dictionary<string, string>? headers = null)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in headers ?? [])
            dictionary[name] = value;
        return router.Match(method, host, path, dictionary);
    }
}
