using System.Text.RegularExpressions;
using Gateway.Host.Configuration.Model;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Routing;

/// <summary>
/// One matchable unit: a route, or one path group of a route that Kong splits (all its regexes, or its
/// plain paths of one length). Every field is precompiled so matching only compares.
/// </summary>
internal sealed class CompiledRoute
{
    private readonly string[] _methods;
    private readonly HostPattern[] _hosts;
    private readonly HeaderCondition[] _headers;

    public CompiledRoute(
        RouteEntity route, ServiceEntity? service, IReadOnlyList<string> paths, int order,
        Func<string, RegexOptions, Regex> compile)
    {
        Route = route;
        Service = service;
        Order = order;
        Priority = RoutePriority.Compute(route, paths);
        _methods = route.Methods.ToArray();
        _hosts = route.Hosts.Select(h => new HostPattern(h)).ToArray();
        _headers = route.Headers.Select(h => new HeaderCondition(h.Key, h.Value, compile)).ToArray();
        Paths = paths.Select(p => new PathPattern(p, compile)).ToArray();
    }

    public RouteEntity Route { get; }

    public ServiceEntity? Service { get; }

    public ulong Priority { get; }

    /// <summary>Configuration order, the tie-break for equal priorities.</summary>
    public int Order { get; }

    public PathPattern[] Paths { get; }

    public IReadOnlyList<HostPattern> Hosts => _hosts;

    public IReadOnlyList<HeaderCondition> Headers => _headers;

    /// <summary>Everything but the path, cheapest checks first.</summary>
    public bool MatchesNonPath(string method, ReadOnlySpan<char> host, int port, IHeaderDictionary headers)
    {
        if (_methods.Length > 0 && Array.IndexOf(_methods, method) < 0)
            return false;
        if (_hosts.Length > 0 && !AnyHost(host, port))
            return false;
        foreach (var header in _headers)
        {
            if (!header.Matches(headers))
                return false;
        }

        return true;
    }

    /// <summary>The first of this unit's paths (config order) that matches, or null.</summary>
    public PathPattern? MatchPath(string normalizedPath)
    {
        foreach (var path in Paths)
        {
            if (path.IsMatch(normalizedPath))
                return path;
        }

        return null;
    }

    private bool AnyHost(ReadOnlySpan<char> host, int port)
    {
        foreach (var pattern in _hosts)
        {
            if (pattern.Matches(host, port))
                return true;
        }

        return false;
    }
}
