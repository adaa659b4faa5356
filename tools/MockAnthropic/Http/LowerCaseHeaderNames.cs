using System.Collections.Concurrent;

namespace Gateway.MockAnthropic.Http;

/// <summary>
/// Kestrel hands out its canonical spelling for known headers ("Content-Type"); recordings use lower case.
/// Caching the handful of distinct names keeps recording allocation-free after warm-up.
/// </summary>
internal static class LowerCaseHeaderNames
{
    private const int MaxCached = 512;
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static string Get(string name)
    {
        if (Cache.TryGetValue(name, out var lower))
        {
            return lower;
        }

        lower = name.ToLowerInvariant();
        if (Cache.Count < MaxCached)
        {
            Cache.TryAdd(name, lower);
        }

        return lower;
    }
}
