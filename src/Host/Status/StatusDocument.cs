using System.Globalization;
using System.Text.Json;

namespace Gateway.Host.Status;

/// <summary>
/// Kong's <c>GET /status</c> body for a DB-less node: <c>server</c> (connections and requests), <c>memory</c> (the
/// .NET heap in place of the Lua VMs, as one "worker": this process) and <c>configuration_hash</c>, plus the plugin
/// lists Kong shows on <c>GET /</c>. <c>?unit=b|k|m|g</c> and <c>?scale=N</c> format memory as Kong does.
/// </summary>
internal static class StatusDocument
{
    public static bool TryParseUnit(string? unit, string? scale, out MemoryUnit result, out string? error)
    {
        result = default;
        error = null;
        var digits = 2;
        if (!string.IsNullOrEmpty(scale) && (!int.TryParse(scale, NumberStyles.None, CultureInfo.InvariantCulture, out digits) || digits > 15))
        {
            error = $"invalid scale '{scale}' (expected a whole number from 0 to 15)";
            return false;
        }

        switch (string.IsNullOrEmpty(unit) ? "m" : unit.ToLowerInvariant())
        {
            case "b":
                result = new MemoryUnit(1, null, digits);
                return true;
            case "k":
                result = new MemoryUnit(1024, "KiB", digits);
                return true;
            case "m":
                result = new MemoryUnit(1024 * 1024, "MiB", digits);
                return true;
            case "g":
                result = new MemoryUnit(1024 * 1024 * 1024, "GiB", digits);
                return true;
            default:
                error = $"invalid unit '{unit}' (expected 'k/K', 'm/M', or 'g/G')";
                return false;
        }
    }

    public static void Write(Utf8JsonWriter writer, ConnectionCounters counters, ConfigurationHash hash, StatusPlugins plugins, MemoryUnit unit)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("server");
        var active = counters.Active;
        var writing = Math.Min(counters.InFlight, active);
        writer.WriteNumber("connections_active", active);
        // Kestrel does not say which connections are reading a request's headers: they count as waiting.
        writer.WriteNumber("connections_reading", 0);
        writer.WriteNumber("connections_writing", writing);
        writer.WriteNumber("connections_waiting", active - writing);
        writer.WriteNumber("connections_accepted", counters.Accepted);
        writer.WriteNumber("connections_handled", counters.Accepted);
        writer.WriteNumber("total_requests", counters.TotalRequests);
        writer.WriteEndObject();

        writer.WriteStartObject("memory");
        writer.WriteStartArray("workers_lua_vms");
        writer.WriteStartObject();
        writer.WritePropertyName("http_allocated_gc");
        unit.Write(writer, GC.GetTotalMemory(forceFullCollection: false));
        writer.WriteNumber("pid", Environment.ProcessId);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteStartObject("lua_shared_dicts");
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteString("configuration_hash", hash.Value);

        writer.WriteStartObject("plugins");
        writer.WriteStartObject("available_on_server");
        foreach (var plugin in plugins.Available)
        {
            writer.WriteStartObject(plugin.Name);
            writer.WriteString("version", plugin.Version);
            writer.WriteNumber("priority", plugin.Priority);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteStartArray("enabled_in_cluster");
        foreach (var name in plugins.Enabled)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}

/// <summary>How <c>GET /status</c> prints byte counts: plain integers for bytes, else <c>"%.Nf MiB"</c>.</summary>
internal readonly record struct MemoryUnit(long Divisor, string? Suffix, int Scale)
{
    public void Write(Utf8JsonWriter writer, long bytes)
    {
        if (Suffix is null)
        {
            writer.WriteNumberValue(bytes);
            return;
        }

        var value = ((double)bytes / Divisor).ToString("F" + Scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        writer.WriteStringValue($"{value} {Suffix}");
    }
}
