using System.Globalization;
using System.Text.Json;

namespace Gateway.Host.Usage;

/// <summary>
/// <c>--json</c>: the report for machines, snake_case like the log it was read from. Token and request counts are
/// integers, <c>cost</c> is the exact decimal sum, ratios and percentiles are null when there was nothing to measure.
/// </summary>
internal static class UsageJsonWriter
{
    public static void Write(UsageReport report, Stream output, bool indented)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented });
        json.WriteStartObject();
        json.WriteString("by", report.By.ToString().ToLowerInvariant());
        WriteInstant(json, "since", report.Since);
        WriteInstant(json, "until", report.Until);
        json.WriteStartArray("files");
        foreach (var file in report.Files)
        {
            json.WriteStringValue(file);
        }

        json.WriteEndArray();
        WriteRows(json, "groups", report.Rows);
        json.WritePropertyName("totals");
        WriteRow(json, report.Totals);
        WriteLines(json, report.Lines);
        json.WriteEndObject();
    }

    public static void WriteRows(Utf8JsonWriter json, string name, IReadOnlyList<UsageRow> rows)
    {
        json.WriteStartArray(name);
        foreach (var row in rows)
        {
            WriteRow(json, row);
        }

        json.WriteEndArray();
    }

    public static void WriteRow(Utf8JsonWriter json, UsageRow row)
    {
        json.WriteStartObject();
        json.WriteString("key", row.Key);
        json.WriteNumber("requests", row.Requests);
        json.WriteNumber("input_tokens", row.InputTokens);
        json.WriteNumber("output_tokens", row.OutputTokens);
        json.WriteNumber("cache_write_tokens", row.CacheWriteTokens);
        json.WriteNumber("cache_read_tokens", row.CacheReadTokens);
        WriteNullable(json, "cache_hit_ratio", row.CacheHitRatio);
        json.WriteNumber("cost", row.Cost);
        json.WriteNumber("errors", row.Errors);
        json.WriteNumber("ttft_count", row.TtftCount);
        WriteNullable(json, "ttft_p50_ms", row.TtftP50Ms);
        WriteNullable(json, "ttft_p95_ms", row.TtftP95Ms);
        WriteNullable(json, "first_started_at", row.FirstStartedAtMs);
        WriteNullable(json, "last_started_at", row.LastStartedAtMs);
        json.WriteEndObject();
    }

    public static void WriteLines(Utf8JsonWriter json, LineCounts lines)
    {
        json.WriteStartObject("lines");
        json.WriteNumber("read", lines.Read);
        json.WriteNumber("summarised", lines.Used);
        json.WriteNumber("outside_window", lines.OutsideWindow);
        json.WriteNumber("without_ai_proxy", lines.WithoutAiProxy);
        json.WriteNumber("malformed", lines.Malformed);
        json.WriteNumber("truncated_last", lines.TruncatedLast);
        json.WriteNumber("too_long", lines.TooLong);
        json.WriteNumber("blank", lines.Blank);
        json.WriteEndObject();
    }

    private static void WriteInstant(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } instant)
        {
            json.WriteString(name, instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
