using System.Collections.Concurrent;
using Gateway.Host.Routing;
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

    /// <remarks>Path and query are escaped here, the one place every upstream request line is built, so no plugin that
    /// retargets the request (<see cref="UpstreamTarget.Path"/> is plugin-writable) can put a space, CR, LF or a
    /// non-ASCII character on the request line.</remarks>
    public static Uri RequestUri(string prefix, UpstreamTarget target) =>
        new(string.Concat(prefix, PathEscape.Escape(target.Path), PathEscape.Escape(target.Query)), VerbatimPathAndQuery);

    // System.Uri would otherwise "fix" what it sees: a query's "%zz" becomes "%25zz" and some triplets get decoded.
    // nginx forwards the query as the client wrote it; the escaping above already makes it safe for the wire.
    private static readonly UriCreationOptions VerbatimPathAndQuery = new() { DangerousDisablePathAndQueryCanonicalization = true };
}
