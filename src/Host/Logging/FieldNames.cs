using System.Collections.Concurrent;

namespace Gateway.Host.Logging;

/// <summary>
/// The parts of dotted log field keys (<c>ai</c>, <c>proxy</c>, <c>meta</c> of <c>ai.proxy.meta</c>) as shared
/// strings, so splitting a key a plugin sets on every request allocates nothing. Bounded: keys are normally fixed
/// names from plugin code or config, and a plugin that invents names per request only stops being interned.
/// </summary>
internal static class FieldNames
{
    private const int Capacity = 4096;

    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);
    private static int s_count;

    public static string Get(ReadOnlySpan<char> part)
    {
        var lookup = Names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(part, out var name))
        {
            return name;
        }

        name = part.ToString();
        if (Volatile.Read(ref s_count) < Capacity && Names.TryAdd(name, name))
        {
            Interlocked.Increment(ref s_count);
        }

        return name;
    }
}
