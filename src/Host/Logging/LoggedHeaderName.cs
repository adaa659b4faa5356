using System.Collections.Concurrent;
using System.Text.Json;

namespace Gateway.Host.Logging;

/// <summary>
/// A header name as the log writes it: lowercased (Kong's <c>ngx.req.get_headers()</c>), JSON-encoded with
/// <see cref="LogEntryWriter.Encoder"/> as UTF-8, and whether it is always redacted. Decided once per name rather
/// than lowercased, encoded and compared with every secret name for every header of every request (≈ 0.5 µs a
/// request in the profile). Bounded: Kestrel's known headers and a client's usual ones fit many times over, and
/// names beyond the bound are written the slow way, so a client inventing names cannot grow the map.
/// </summary>
internal sealed class LoggedHeaderName
{
    private const int Capacity = 1024;

    private static readonly ConcurrentDictionary<string, LoggedHeaderName> Names = new(StringComparer.Ordinal);
    private static int s_count;

    private LoggedHeaderName(JsonEncodedText name, bool alwaysSecret)
    {
        Name = name;
        AlwaysSecret = alwaysSecret;
    }

    /// <summary>The lowercased name, encoded for <see cref="LogEntryWriter.Encoder"/>.</summary>
    public JsonEncodedText Name { get; }

    /// <summary>Redacted whatever the route configures (<see cref="LogEntryWriter.IsSecret"/> with no extra names).</summary>
    public bool AlwaysSecret { get; }

    /// <summary>The entry for <paramref name="header"/>, or null when the map is full or the name cannot be
    /// encoded (the caller then writes it as before).</summary>
    public static LoggedHeaderName? Get(string header)
    {
        if (Names.TryGetValue(header, out var entry))
        {
            return entry;
        }

        if (Volatile.Read(ref s_count) >= Capacity)
        {
            return null;
        }

        try
        {
            entry = new LoggedHeaderName(JsonEncodedText.Encode(header.ToLowerInvariant(), LogEntryWriter.Encoder), LogEntryWriter.IsSecret(header, []));
        }
        catch (ArgumentException)
        {
            // An invalid UTF-16 name: the writer's own path reports it as it always did.
            return null;
        }

        if (Names.TryAdd(header, entry))
        {
            Interlocked.Increment(ref s_count);
        }

        return entry;
    }
}
