using System.Text;
using System.Text.Json;

namespace Gateway.Host.Usage;

/// <summary>
/// <c>--html FILE</c>: one self-contained page (no network, no CDN). The report's data is embedded as JSON and drawn
/// into inline SVG by a short inline script; the JSON writer escapes <c>&lt;</c>, so no value can close the script.
/// </summary>
internal static class UsageHtmlWriter
{
    private const string Placeholder = "/*USAGE-DATA*/";

    private static readonly Lazy<string> Template = new(() =>
    {
        using var stream = typeof(UsageHtmlWriter).Assembly.GetManifestResourceStream("Gateway.Host.Usage.UsageReport.html")
            ?? throw new InvalidOperationException("the usage report template is missing from this build");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    public static void Write(UsageReport report, Stream output)
    {
        var template = Template.Value;
        var at = template.IndexOf(Placeholder, StringComparison.Ordinal);
        using (var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true))
        {
            writer.Write(template.AsSpan(0, at));
            writer.Flush();
        }

        WriteData(report, output);
        using (var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true))
        {
            writer.Write(template.AsSpan(at + Placeholder.Length));
        }
    }

    private static void WriteData(UsageReport report, Stream output)
    {
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteStartArray("files");
        foreach (var file in report.Files)
        {
            json.WriteStringValue(file);
        }

        json.WriteEndArray();
        json.WriteString("since", report.Since?.UtcDateTime.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("until", report.Until?.UtcDateTime.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
        json.WritePropertyName("totals");
        UsageJsonWriter.WriteRow(json, report.Totals);
        UsageJsonWriter.WriteRows(json, "days", report.Days);
        UsageJsonWriter.WriteRows(json, "models", report.Models);
        UsageJsonWriter.WriteRows(json, "sessions", report.Sessions);
        json.WriteStartArray("ttft");
        foreach (var bucket in report.TtftDistribution)
        {
            json.WriteStartObject();
            json.WriteString("label", bucket.Label);
            json.WriteNumber("from_ms", bucket.FromMs);
            if (bucket.ToMs is { } to)
            {
                json.WriteNumber("to_ms", to);
            }
            else
            {
                json.WriteNull("to_ms");
            }

            json.WriteNumber("count", bucket.Count);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        UsageJsonWriter.WriteLines(json, report.Lines);
        json.WriteEndObject();
    }
}
