using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Gateway.Host.Configuration.Model;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Routing;

/// <summary>
/// Kong's <c>traditional_compatible</c> router. Built once per config, immutable and thread-safe.
/// Candidates are sorted by Kong's priority; equal priorities fall back to configuration order (Kong
/// leaves that case undefined, this makes it predictable).
/// </summary>
internal sealed class Router
{
    private static readonly IReadOnlyDictionary<string, string> NoCaptures = FrozenDictionary<string, string>.Empty;

    private readonly CompiledRoute[] _routes;
    private readonly RouteIndex _index;

    public Router(GatewayConfig config)
    {
        var services = config.Services.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var regexCache = new Dictionary<(string, RegexOptions), Regex>();
        Regex Compile(string pattern, RegexOptions options)
        {
            if (!regexCache.TryGetValue((pattern, options), out var regex))
            {
                regex = new Regex(pattern, options | RegexOptions.Compiled | RegexOptions.CultureInvariant);
                regexCache[(pattern, options)] = regex;
            }

            return regex;
        }

        var compiled = new List<CompiledRoute>();
        for (var order = 0; order < config.Routes.Count; order++)
        {
            var route = config.Routes[order];
            ServiceEntity? service = null;
            if (route.ServiceId is not null && !services.TryGetValue(route.ServiceId, out service))
                throw new ArgumentException($"route {route.Name ?? route.Id} refers to unknown service {route.ServiceId}", nameof(config));
            // Kong leaves routes of a disabled service out of the router.
            if (service is { Enabled: false })
                continue;
            foreach (var paths in SplitPaths(route.Paths))
                compiled.Add(new CompiledRoute(route, service, paths, order, Compile));
        }

        _routes = compiled
            .OrderByDescending(r => r.Priority)
            .ThenBy(r => r.Order)
            .ToArray();
        _index = new RouteIndex(_routes);
    }

    /// <param name="host">The Host header, possibly with <c>:port</c>; that port is what port-specific hosts compare.</param>
    /// <param name="rawPath">The request path as received (percent-encoded), without the query.</param>
    public RouteMatch? Match(string method, string host, string rawPath, IHeaderDictionary headers)
    {
        var path = RequestPathNormalizer.Normalize(rawPath);
        var (hostName, port) = SplitHost(host);
        // Only the sub-routes the index files under this path, host or headers can match; trying them in rank
        // order returns what a scan of all of them (MatchByScan) returns.
        var candidates = CandidateLists.ForThisThread();
        try
        {
            _index.Collect(path, hostName.Span, headers, candidates);
            for (var rank = candidates.Next(); rank >= 0; rank = candidates.Next())
            {
                if (TryMatch(_routes[rank], method, hostName.Span, port, path, headers) is { } match)
                    return match;
            }

            return null;
        }
        finally
        {
            candidates.Clear();
        }
    }

    /// <summary>Kong's rule as written: the first sub-route in priority order that matches. The reference the
    /// index is tested against; O(routes), not for serving.</summary>
    internal RouteMatch? MatchByScan(string method, string host, string rawPath, IHeaderDictionary headers)
    {
        var path = RequestPathNormalizer.Normalize(rawPath);
        var (hostName, port) = SplitHost(host);
        foreach (var candidate in _routes)
        {
            if (TryMatch(candidate, method, hostName.Span, port, path, headers) is { } match)
                return match;
        }

        return null;
    }

    private static RouteMatch? TryMatch(
        CompiledRoute candidate, string method, ReadOnlySpan<char> hostName, int port, string path, IHeaderDictionary headers)
    {
        if (!candidate.MatchesNonPath(method, hostName, port, headers))
            return null;
        if (candidate.Paths.Length == 0)
            return Build(candidate, path, "/", NoCaptures);
        var matched = candidate.MatchPath(path);
        if (matched is null)
            return null;
        if (matched.Regex is null)
            return Build(candidate, path, matched.Prefix, NoCaptures);
        var match = matched.Regex.Match(path);
        return Build(candidate, path, match.Value, Captures(matched.Regex, match));
    }

    // Kong splits a route whose paths differ in kind or length into one sub-route per group (compat.lua
    // split_route_by_path_info): all regexes together, then one per distinct plain-path length.
    private static IEnumerable<IReadOnlyList<string>> SplitPaths(IReadOnlyList<string> paths)
    {
        if (paths.Count <= 1)
            return [paths];
        return paths
            .GroupBy(p => p.StartsWith('~') ? -1 : p.Length)
            .Select(g => (IReadOnlyList<string>)g.ToArray());
    }

    private static RouteMatch Build(CompiledRoute route, string path, string matchedPath, IReadOnlyDictionary<string, string> captures)
    {
        var hasPath = route.Paths.Length > 0;
        var rest = hasPath ? path[Math.Min(matchedPath.Length, path.Length)..] : path;
        var afterRoute = rest.Length == 0 ? "/" : rest[0] == '/' ? rest : "/" + rest;
        var prefix = route.Route.StripPath ? matchedPath : "/";
        // Routing saw the decoded path; the upstream gets it percent-encoded again, as Kong sends it.
        var upstream = PathEscape.Escape(UpstreamPath.Build(route.Service?.Path, route.Route.StripPath, prefix, path));
        return new RouteMatch(route.Route, route.Service, matchedPath, afterRoute, upstream, captures);
    }

    private static Dictionary<string, string> Captures(Regex regex, Match match)
    {
        var captures = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var number in regex.GetGroupNumbers())
        {
            var group = match.Groups[number];
            if (!group.Success)
                continue;
            // Named groups are listed under their number and their name, as ngx.re (Kong) returns them.
            var numberText = number.ToString(CultureInfo.InvariantCulture);
            captures[numberText] = group.Value;
            var name = regex.GroupNameFromNumber(number);
            if (name != numberText)
                captures[name] = group.Value;
        }

        return captures;
    }

    // "[::1]:8080" keeps its brackets for the name; a missing or invalid port is -1.
    private static (ReadOnlyMemory<char> Name, int Port) SplitHost(string host)
    {
        var colon = host.LastIndexOf(':');
        if (colon < 0 || host.EndsWith(']'))
            return (host.AsMemory(), -1);
        if (host[0] == '[' && host[colon - 1] != ']')
            return (host.AsMemory(), -1);
        var port = int.TryParse(host.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : -1;
        return (host.AsMemory(0, colon), port);
    }
}
