using Gateway.Host.Configuration.Model;

namespace Gateway.Host.Routing;

/// <summary>
/// Kong's 64-bit route priority (kong/router/transform.lua <c>get_priority</c>), most significant first:
/// match weight (3 bits) | plain-host-only (1) | header count (8) | regex (1) | regex_priority (32) |
/// longest plain path length (19).
/// </summary>
internal static class RoutePriority
{
    private const int MaxHeaderCount = 255;
    private const int MaxPathLength = 0x7FFFF;

    /// <param name="paths">The sub-route's own paths (one group after splitting), not all of the route's.</param>
    public static ulong Compute(RouteEntity route, IReadOnlyList<string> paths)
    {
        ulong weight = 0;
        if (route.Methods.Count > 0)
            weight++;
        if (route.Hosts.Count > 0)
            weight++;
        if (route.Headers.Count > 0)
            weight++;
        if (paths.Count > 0)
            weight++;

        var plainHostOnly = route.Hosts.Count > 0 && route.Hosts.All(h => !h.Contains('*', StringComparison.Ordinal));
        var headerCount = (ulong)Math.Min(route.Headers.Count, MaxHeaderCount);
        var regex = paths.Any(p => p.StartsWith('~'));
        var maxLength = paths.Where(p => !p.StartsWith('~')).Select(p => p.Length).DefaultIfEmpty(0).Max();

        // Kong shifts a negative regex_priority straight into the unsigned value, which corrupts the higher
        // fields; biasing by 2^31 keeps the signed order instead.
        var regexPriority = regex ? (ulong)(uint)(route.RegexPriority ^ int.MinValue) : 0UL;

        return (weight << 61)
               | (plainHostOnly ? 1UL << 60 : 0UL)
               | (headerCount << 52)
               | (regex ? 1UL << 51 : 0UL)
               | (regexPriority << 19)
               | (uint)Math.Min(maxLength, MaxPathLength);
    }
}
