using Spectre.Console;
using Spectre.Console.Rendering;

namespace Gateway.Host.Usage;

/// <summary>
/// The terminal table (Spectre.Console). On a terminal: rounded borders and colour; piped: no ANSI codes at all and a
/// Markdown table wide enough not to wrap, which pastes into an issue or a doc as it is.
/// </summary>
internal static class UsageTableWriter
{
    public static void Write(UsageReport report, TextWriter output, bool terminal)
    {
        if (!terminal)
        {
            // Spectre pads every line to the console width; a pipe gets the lines as they read, nothing after them.
            using var plain = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            Render(report, plain, terminal: false);
            foreach (var line in plain.ToString().Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0))
            {
                output.WriteLine(line);
            }

            return;
        }

        Render(report, output, terminal: true);
    }

    private static void Render(UsageReport report, TextWriter output, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        if (!terminal)
        {
            console.Profile.Width = 400;
        }

        var table = new Table { Border = terminal ? TableBorder.Rounded : TableBorder.Markdown, ShowFooters = true };
        AddColumn(table, UsageFormat.GroupTitle(report.By), report.Totals.Key, left: true);
        AddColumn(table, "Requests", UsageFormat.Count(report.Totals.Requests));
        AddColumn(table, "Input", UsageFormat.Count(report.Totals.InputTokens));
        AddColumn(table, "Output", UsageFormat.Count(report.Totals.OutputTokens));
        AddColumn(table, "Cache write", UsageFormat.Count(report.Totals.CacheWriteTokens));
        AddColumn(table, "Cache read", UsageFormat.Count(report.Totals.CacheReadTokens));
        AddColumn(table, "Cache hit", UsageFormat.Ratio(report.Totals.CacheHitRatio));
        AddColumn(table, "Cost", UsageFormat.Cost(report.Totals.Cost));
        AddColumn(table, "Errors", UsageFormat.Count(report.Totals.Errors));
        AddColumn(table, "TTFT p50", UsageFormat.Ms(report.Totals.TtftP50Ms));
        AddColumn(table, "TTFT p95", UsageFormat.Ms(report.Totals.TtftP95Ms));
        foreach (var row in report.Rows)
        {
            table.AddRow(Cells(row, terminal));
        }

        console.Write(table);
        console.WriteLine(UsageFormat.LineSummary(report));
    }

    private static void AddColumn(Table table, string header, string footer, bool left = false)
    {
        var column = new TableColumn(new Text(header)) { Footer = new Text(footer), NoWrap = true };
        table.AddColumn(left ? column.LeftAligned() : column.RightAligned());
    }

    private static IRenderable[] Cells(UsageRow row, bool terminal)
    {
        // Text, never markup: a session id or a model name is data and may contain '['.
        var errors = row.Errors > 0 && terminal ? new Text(UsageFormat.Count(row.Errors), new Style(Color.Red)) : new Text(UsageFormat.Count(row.Errors));
        return
        [
            new Text(row.Key),
            new Text(UsageFormat.Count(row.Requests)),
            new Text(UsageFormat.Count(row.InputTokens)),
            new Text(UsageFormat.Count(row.OutputTokens)),
            new Text(UsageFormat.Count(row.CacheWriteTokens)),
            new Text(UsageFormat.Count(row.CacheReadTokens)),
            new Text(UsageFormat.Ratio(row.CacheHitRatio)),
            new Text(UsageFormat.Cost(row.Cost)),
            errors,
            new Text(UsageFormat.Ms(row.TtftP50Ms)),
            new Text(UsageFormat.Ms(row.TtftP95Ms)),
        ];
    }
}
