using System.Collections.Concurrent;
using Gateway.Plugins;

namespace Gateway.Host.Proxy;

/// <summary>
/// Builds upstream addresses without per-request string churn: the <c>scheme://host:port</c> prefix is cached per
/// target (a gateway talks to few), and the request URI is built from it in one concatenation.
/// </summary>
internal static class UpstreamAddress
{
    private static readonly ConcurrentDictionary<(string Scheme, string Host, int Port), string> Prefixes = new();

    public static string Prefix(UpstreamTarget target) =>
        Prefixes.GetOrAdd((target.Scheme, target.Host, target.Port), static key =>
            $"{key.Scheme}://{(key.Host.Contains(':', StringComparison.Ordinal) && key.Host[0] != '[' ? $"[{key.Host}]" : key.Host)}:{key.Port}");

    public static Uri RequestUri(string prefix, UpstreamTarget target) => new(string.Concat(prefix, target.Path, target.Query));
}
