using System.CommandLine;
using System.Globalization;
using System.Text;

namespace Gateway.Host.Usage;

/// <summary>
/// <c>gateway usage --log FILE…</c>: the token, cost, error and TTFT report over file-log lines. Parsed with
/// System.CommandLine; a startup-time tool, never on the request path.
/// </summary>
internal static class UsageCommand
{
    public const string Name = "usage";

    private static readonly Option<string[]> LogOption = CreateLogOption();

    private static readonly Option<string?> SinceOption = new("--since")
    {
        Description = "Only requests that started at or after this UTC date (2026-11-01) or time (2026-11-01T10:00:00Z).",
        HelpName = "DATE",
    };

    private static readonly Option<string?> UntilOption = new("--until")
    {
        Description = "Only requests that started before this UTC time, or on or before this UTC date (the whole day counts).",
        HelpName = "DATE",
    };

    private static readonly Option<string> ByOption = new Option<string>("--by")
    {
        Description = "One row per day (UTC), model, session (x-claude-code-session-id) or route.",
        DefaultValueFactory = _ => "day",
        HelpName = "day|model|session|route",
    }.AcceptOnlyFromAmong("day", "model", "session", "route");

    private static readonly Option<bool> JsonOption = new("--json")
    {
        Description = "Print the report as JSON instead of a table.",
    };

    private static readonly Option<string?> HtmlOption = new("--html")
    {
        Description = "Also write a self-contained HTML report (charts and a sortable sessions table) to FILE.",
        HelpName = "FILE",
    };

    public static async Task<int> RunAsync(IReadOnlyList<string> args, UsageConsole io, CancellationToken cancellationToken)
    {
        var root = new RootCommand("The gateway.");
        var usage = new Command(Name, "Summarise file-log lines: requests, tokens by type, cache hit ratio, cost, errors and time to first token.")
        {
            LogOption, SinceOption, UntilOption, ByOption, JsonOption, HtmlOption,
        };
        root.Subcommands.Add(usage);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await io.Error.WriteLineAsync($"error: {OneLine(parsed.Errors[0].Message)} (see 'gateway usage --help')");
            return 1;
        }

        if (parsed.CommandResult.Command != usage || parsed.Action is System.CommandLine.Help.HelpAction)
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = io.Out, Error = io.Error }, cancellationToken);
        }

        UsageOptions options;
        IReadOnlyList<LogInput> inputs;
        try
        {
            options = Bind(parsed);
            inputs = LogInputs.Resolve(options.Logs);
        }
        catch (Exception ex) when (ex is ArgumentException or UsageInputException)
        {
            await io.Error.WriteLineAsync($"error: {OneLine(ex.Message)}");
            return 1;
        }

        var aggregator = new UsageAggregator(options.Since, options.Until, options.By);
        var reader = new UsageReader(aggregator);
        try
        {
            if (io.OutputIsTerminal && io.ErrorIsTerminal)
            {
                await SpectreReadProgress.RunAsync(io.Error, progress => reader.ReadAsync(inputs, io.OpenStandardInput, progress, cancellationToken));
            }
            else
            {
                await reader.ReadAsync(inputs, io.OpenStandardInput, null, cancellationToken);
            }
        }
        catch (UsageInputException ex)
        {
            await io.Error.WriteLineAsync($"error: {OneLine(ex.Message)}");
            return 1;
        }

        var report = UsageReport.From(aggregator, options, inputs);
        if (options.HtmlPath is { } html)
        {
            try
            {
                await using var file = File.Create(html);
                UsageHtmlWriter.Write(report, file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await io.Error.WriteLineAsync($"error: cannot write {Path.GetFullPath(html)}: {OneLine(ex.Message)}");
                return 1;
            }
        }

        if (options.Json)
        {
            using var buffer = new MemoryStream();
            UsageJsonWriter.Write(report, buffer, indented: io.OutputIsTerminal);
            await io.Out.WriteLineAsync(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
        else
        {
            UsageTableWriter.Write(report, io.Out, io.OutputIsTerminal);
        }

        await io.Out.FlushAsync(cancellationToken);
        // The table's last line already accounts for every line; whoever pipes it elsewhere still hears of bad ones.
        if (report.Lines.Unusable > 0 && (options.Json || !io.OutputIsTerminal))
        {
            await io.Error.WriteLineAsync($"warning: {UsageFormat.LineSummary(report)}");
        }

        if (options.HtmlPath is { } written)
        {
            await io.Error.WriteLineAsync($"wrote {Path.GetFullPath(written)}");
        }

        return 0;
    }

    private static Option<string[]> CreateLogOption()
    {
        var option = new Option<string[]>("--log", "-l")
        {
            Description = "A file-log file (Kong's JSON lines), its rotated siblings (FILE.1, FILE.2.gz, …) included; '-' reads standard input. Repeat for more files.",
            Arity = ArgumentArity.OneOrMore,
            // A shell glob (--log /var/log/claude*.json) expands to several words after one --log.
            AllowMultipleArgumentsPerToken = true,
            Required = true,
            HelpName = "FILE",
        };

        // With several files per --log, an unknown option after it would otherwise be taken for a file name.
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.StartsWith('-') && token.Value != LogInput.StandardInputName)
                {
                    result.AddError($"Unrecognized command or argument '{token.Value}'.");
                    return;
                }
            }
        });
        return option;
    }

    private static UsageOptions Bind(ParseResult parsed)
    {
        var since = Instant("--since", parsed.GetValue(SinceOption), endOfDay: false);
        var until = Instant("--until", parsed.GetValue(UntilOption), endOfDay: true);
        if (since >= until)
        {
            throw new ArgumentException($"--since ({parsed.GetValue(SinceOption)}) must come before --until ({parsed.GetValue(UntilOption)})");
        }

        var by = Enum.Parse<UsageGrouping>(parsed.GetValue(ByOption)!, ignoreCase: true);
        return new UsageOptions(parsed.GetValue(LogOption)!, since, until, by, parsed.GetValue(JsonOption), parsed.GetValue(HtmlOption));
    }

    /// <summary>A date means that UTC day: from its start for --since, through its end for --until.</summary>
    internal static DateTimeOffset? Instant(string name, string? value, bool endOfDay)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1) : start;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            && value.Contains('T', StringComparison.Ordinal))
        {
            return instant;
        }

        throw new ArgumentException($"{name} must be a date (2026-11-01) or a time (2026-11-01T10:00:00Z), not '{value}'");
    }

    /// <summary>One line with single spaces (System.CommandLine's messages carry tabs and line breaks).</summary>
    private static string OneLine(string message) =>
        string.Join(' ', message.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
