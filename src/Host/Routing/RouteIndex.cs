using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Routing;

/// <summary>
/// Pre-filter for <see cref="Router"/>: files every sub-route, by its rank in Kong's priority order, under
/// one field the request must satisfy for the route to match: its path prefixes (a trie; a regex counts by
/// the literal text it starts with), its hosts, or the values of one of its headers. Which field: the one
/// whose busiest key holds the fewest routes, so 5,000 routes on one host with distinct paths are found by
/// path. A route with none of them (or a regex with no literal start) sits at the trie's root, checked for
/// every request. The index only narrows: each candidate still gets the full match, in rank order.
/// </summary>
internal sealed class RouteIndex
{
    private readonly PathTrie _paths = new();
    private readonly HostIndex _hosts = new();
    private readonly HeaderIndex _headers = new();

    /// <param name="ranked">The sub-routes in priority order; the index refers to them by position.</param>
    public RouteIndex(IReadOnlyList<CompiledRoute> ranked)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var route in ranked)
        {
            foreach (var key in PathKeys(route).Concat(HostKeys(route)).Concat(route.Headers.SelectMany(HeaderKeys)).Distinct())
                counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        int Cost(IEnumerable<string> keys) => keys.Select(k => counts[k]).DefaultIfEmpty(int.MaxValue).Max();

        for (var rank = 0; rank < ranked.Count; rank++)
        {
            var route = ranked[rank];
            // A regex with no literal start narrows nothing (it is filed at the trie root, tried for every request).
            var pathsNarrow = route.Paths.Length > 0 && route.Paths.All(p => p.IndexKey.Length > 0);
            var best = pathsNarrow ? Cost(PathKeys(route)) : int.MaxValue;
            var field = route.Paths.Length > 0 ? Field.Paths : Field.None;
            if (route.Hosts.Count > 0 && Cost(HostKeys(route)) is var hostCost && hostCost <= best)
                (best, field) = (hostCost, Field.Hosts);
            HeaderCondition? header = null;
            foreach (var condition in route.Headers)
            {
                if (Cost(HeaderKeys(condition)) is var headerCost && headerCost < best)
                    (best, field, header) = (headerCost, Field.Header, condition);
            }

            switch (field)
            {
                case Field.Hosts:
                    foreach (var host in route.Hosts)
                        _hosts.Add(host, rank);
                    break;
                case Field.Header:
                    _headers.Add(header!, rank);
                    break;
                case Field.Paths:
                    foreach (var path in route.Paths)
                        _paths.Add(path.IndexKey, rank);
                    break;
                default:
                    _paths.Add("", rank);
                    break;
            }
        }

        _paths.Freeze();
        _hosts.Freeze();
        _headers.Freeze();
    }

    private enum Field
    {
        None,
        Paths,
        Hosts,
        Header,
    }

    /// <summary>Adds every rank list that may hold a route matching this request.</summary>
    public void Collect(ReadOnlySpan<char> normalizedPath, ReadOnlySpan<char> hostName, IHeaderDictionary headers, CandidateLists lists)
    {
        _paths.Collect(normalizedPath, lists);
        _hosts.Collect(hostName, lists);
        _headers.Collect(headers, lists);
    }

    // Keys only for counting, so the three fields cannot collide: a prefix letter per kind.
    private static IEnumerable<string> PathKeys(CompiledRoute route) => route.Paths.Select(p => "p" + p.IndexKey);

    private static IEnumerable<string> HostKeys(CompiledRoute route) =>
        route.Hosts.Select(h => "h" + (int)h.Kind + h.Value.ToUpperInvariant());

    private static IEnumerable<string> HeaderKeys(HeaderCondition condition) =>
        condition.Values.Select(v => "v" + condition.Name.ToUpperInvariant() + "\n" + v.ToUpperInvariant())
            .Concat(condition.Regexes.Select(r => "r" + condition.Name.ToUpperInvariant() + "\n" + r));
}
