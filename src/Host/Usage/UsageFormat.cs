using System.Globalization;

namespace Gateway.Host.Usage;

/// <summary>How figures read in the terminal table and the line summary (culture-invariant, so output is stable).</summary>
internal static class UsageFormat
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Cost(decimal value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    public static string Ratio(double? value) => value is { } ratio ? (ratio * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    public static string Ms(long? value) => value is { } ms ? Count(ms) + " ms" : "-";

    public static string GroupTitle(UsageGrouping by) => by switch
    {
        UsageGrouping.Day => "Day (UTC)",
        UsageGrouping.Model => "Model",
        UsageGrouping.Session => "Session",
        UsageGrouping.Route => "Route",
        _ => by.ToString(),
    };

    /// <summary>The one-line account of every line read, so no bad line goes unreported.</summary>
    public static string LineSummary(UsageReport report)
    {
        var lines = report.Lines;
        var parts = new List<string> { $"{Count(lines.Used)} summarised" };
        Add(parts, lines.OutsideWindow, "outside --since/--until");
        Add(parts, lines.WithoutAiProxy, "without ai-proxy statistics");
        Add(parts, lines.Malformed, "malformed");
        Add(parts, lines.TruncatedLast, "truncated last line");
        Add(parts, lines.TooLong, "too long");
        Add(parts, lines.Blank, "blank");
        var files = report.Files.Count == 1 ? "1 file" : $"{Count(report.Files.Count)} files";
        var read = lines.Read == 1 ? "1 line" : $"{Count(lines.Read)} lines";
        return $"{read} read from {files}: {string.Join(", ", parts)}";
    }

    private static void Add(List<string> parts, long count, string what)
    {
        if (count > 0)
        {
            parts.Add($"{Count(count)} {what}");
        }
    }
}
