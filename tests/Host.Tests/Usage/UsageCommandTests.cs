using System.Text.Json.Nodes;

namespace Gateway.Host.Tests.Usage;

public sealed class UsageCommandTests : IDisposable
{
    private static readonly DateTimeOffset Day2 = LogLines.Day1.AddDays(1);
    private readonly string _folder = Directory.CreateTempSubdirectory("usage-command-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Two days, two models, sessions A, B and none; a 529, an error after 200, and three bad lines.</summary>
    private string WriteSampleLog()
    {
        string[] lines =
        [
            LogLines.Ai(LogLines.Day1, "A", "claude-sonnet-4-5", input: 100, output: 20, cacheWrite: 1000, cacheRead: 3000, cost: 0.01m, ttft: 300),
            LogLines.WithoutAi(),
            LogLines.Ai(LogLines.Day1.AddHours(2), "A", "claude-sonnet-4-5", input: 50, output: 10, cacheRead: 4000, cost: 0.02m, ttft: 500),
            "not json at all",
            LogLines.Ai(Day2, "B", "claude-haiku-4-5", status: 529, input: 10, output: 5, cost: 0.001m, ttft: 0, responseError: true),
            LogLines.Ai(Day2.AddHours(1), null, "claude-haiku-4-5", input: 30, output: 40, cacheWrite: 200, cost: 0.003m, ttft: 700, responseError: true),
        ];
        var path = Path.Combine(_folder, "claude.json");
        File.WriteAllText(path, string.Join('\n', lines) + "\n{\"started_at\":17957418");
        return path;
    }

    [Fact]
    public async Task Usage_Piped_PrintsAMarkdownTableWithTotalsAndTheLineAccountWithoutAnsi()
    {
        var log = WriteSampleLog();

        var (code, stdout, stderr) = await UsageRun.RunAsync(["--log", log]);

        Assert.Equal(0, code);
        Assert.Equal(
            """
            | Day (UTC)  | Requests | Input | Output | Cache write | Cache read | Cache hit |   Cost | Errors | TTFT p50 | TTFT p95 |
            | :--------- | -------: | ----: | -----: | ----------: | ---------: | --------: | -----: | -----: | -------: | -------: |
            | 2026-11-27 |        2 |   150 |     30 |       1,000 |      7,000 |     85.9% | 0.0300 |      0 |   300 ms |   500 ms |
            | 2026-11-28 |        2 |    40 |     45 |         200 |          0 |      0.0% | 0.0040 |      2 |   700 ms |   700 ms |
            | Total      |        4 |   190 |     75 |       1,200 |      7,000 |     83.4% | 0.0340 |      2 |   500 ms |   700 ms |
            7 lines read from 1 file: 4 summarised, 1 without ai-proxy statistics, 1 malformed, 1 truncated last line

            """.ReplaceLineEndings("\n"),
            stdout.ReplaceLineEndings("\n"));
        Assert.DoesNotContain('\u001b', stdout);
        Assert.Equal("warning: 7 lines read from 1 file: 4 summarised, 1 without ai-proxy statistics, 1 malformed, 1 truncated last line", stderr.Trim());
    }

    [Fact]
    public async Task Usage_BySessionJson_GroupsBySessionHeaderMostExpensiveFirst()
    {
        var log = WriteSampleLog();

        var (code, stdout, _) = await UsageRun.RunAsync(["--log", log, "--by", "session", "--json"]);

        Assert.Equal(0, code);
        var json = JsonNode.Parse(stdout)!;
        Assert.Equal("session", (string?)json["by"]);
        var groups = json["groups"]!.AsArray();
        Assert.Equal(["A", "(no session)", "B"], groups.Select(g => (string?)g!["key"]));
        Assert.Equal([0.03m, 0.003m, 0.001m], groups.Select(g => (decimal)g!["cost"]!));
        Assert.Equal([2L, 1L, 1L], groups.Select(g => (long)g!["requests"]!));
        Assert.Equal([0L, 1L, 1L], groups.Select(g => (long)g!["errors"]!));
        var b = groups[2]!;
        // B's one request failed before a first token; its 10 prompt tokens were none of them cached.
        Assert.Equal((0L, (long?)null, 0.0), ((long)b["ttft_count"]!, (long?)b["ttft_p50_ms"], (double)b["cache_hit_ratio"]!));
        var totals = json["totals"]!;
        Assert.Equal((4L, 190L, 75L, 1200L, 7000L, 0.034m), ((long)totals["requests"]!, (long)totals["input_tokens"]!, (long)totals["output_tokens"]!,
            (long)totals["cache_write_tokens"]!, (long)totals["cache_read_tokens"]!, (decimal)totals["cost"]!));
        Assert.Equal(7000.0 / 8390, (double)totals["cache_hit_ratio"]!, 12);
        var lines = json["lines"]!;
        Assert.Equal((7L, 4L, 1L, 1L, 1L), ((long)lines["read"]!, (long)lines["summarised"]!, (long)lines["without_ai_proxy"]!, (long)lines["malformed"]!, (long)lines["truncated_last"]!));
    }

    [Fact]
    public async Task Usage_ByModelAndRoute_OneRowPerModelAndPerRoute()
    {
        var log = WriteSampleLog();

        var byModel = JsonNode.Parse((await UsageRun.RunAsync(["--log", log, "--by", "model", "--json"])).Stdout)!["groups"]!.AsArray();
        var byRoute = JsonNode.Parse((await UsageRun.RunAsync(["--log", log, "--by", "route", "--json"])).Stdout)!["groups"]!.AsArray();

        Assert.Equal([("claude-sonnet-4-5", 2L), ("claude-haiku-4-5", 2L)], byModel.Select(g => ((string)g!["key"]!, (long)g["requests"]!)));
        Assert.Equal([("example-route", 4L)], byRoute.Select(g => ((string)g!["key"]!, (long)g["requests"]!)));
    }

    [Theory]
    [InlineData("2026-11-28", null, 2L)]
    [InlineData(null, "2026-11-27", 2L)]
    [InlineData("2026-11-27T02:00:00Z", null, 3L)]
    [InlineData("2026-11-27", "2026-11-28", 4L)]
    [InlineData("2026-11-29", null, 0L)]
    public async Task Usage_SinceUntil_KeepsRequestsThatStartedInTheWindow(string? since, string? until, long expected)
    {
        var log = WriteSampleLog();
        string[] args = ["--log", log, "--json", .. since is null ? [] : new[] { "--since", since }, .. until is null ? [] : new[] { "--until", until }];

        var (code, stdout, _) = await UsageRun.RunAsync(args);

        Assert.Equal(0, code);
        var json = JsonNode.Parse(stdout)!;
        Assert.Equal(expected, (long)json["totals"]!["requests"]!);
        Assert.Equal(4 - expected, (long)json["lines"]!["outside_window"]!);
    }

    [Fact]
    public async Task Usage_StandardInputAndAFile_SumsBoth()
    {
        var log = WriteSampleLog();

        var (code, stdout, _) = await UsageRun.RunAsync(["--log", "-", "--log", log, "--json"], stdin: LogLines.Ai(output: 1000) + "\n");

        Assert.Equal(0, code);
        var json = JsonNode.Parse(stdout)!;
        Assert.Equal((5L, 1075L), ((long)json["totals"]!["requests"]!, (long)json["totals"]!["output_tokens"]!));
        Assert.Equal(["-", log], json["files"]!.AsArray().Select(f => (string?)f));
    }

    [Fact]
    public async Task Usage_OnATerminal_DrawsABorderedTableAfterTheProgressWithoutFailing()
    {
        var log = WriteSampleLog();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var io = new Gateway.Host.Usage.UsageConsole(stdout, stderr, () => Stream.Null, OutputIsTerminal: true, ErrorIsTerminal: true);

        var code = await Gateway.Host.Usage.UsageCommand.RunAsync(["usage", "--log", log], io, CancellationToken.None);

        Assert.True(code == 0, stderr.ToString());
        Assert.Contains("╭", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("│ Total", stdout.ToString(), StringComparison.Ordinal);
        // On a terminal the table's last line already reports the bad lines: no second warning on stderr.
        Assert.DoesNotContain("warning:", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_SeveralFilesAfterOneLog_ReadsThemAll()
    {
        var log = WriteSampleLog();
        var other = Path.Combine(_folder, "other.json");
        await File.WriteAllTextAsync(other, LogLines.Ai(output: 1000) + "\n");

        var (code, stdout, stderr) = await UsageRun.RunAsync(["--log", log, other, "--json"]);

        Assert.True(code == 0, stderr);
        Assert.Equal(5L, (long)JsonNode.Parse(stdout)!["totals"]!["requests"]!);
    }

    [Theory]
    [InlineData(new[] { "--by", "week" }, "error: Argument 'week' not recognized. Must be one of: 'day' 'model' 'session' 'route' (see 'gateway usage --help')")]
    [InlineData(new[] { "--since", "last tuesday" }, "error: --since must be a date (2026-11-01) or a time (2026-11-01T10:00:00Z), not 'last tuesday'")]
    [InlineData(new[] { "--since", "2026-11-02", "--until", "2026-11-01" }, "error: --since (2026-11-02) must come before --until (2026-11-01)")]
    [InlineData(new[] { "--frobnicate" }, "error: Unrecognized command or argument '--frobnicate'. (see 'gateway usage --help')")]
    public async Task Usage_BadArguments_OneErrorLineAndExit1(string[] extra, string expected)
    {
        var log = WriteSampleLog();

        var (code, stdout, stderr) = await UsageRun.RunAsync(["--log", log, .. extra]);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal(expected, stderr.TrimEnd('\n'));
    }

    [Fact]
    public async Task Usage_NoLog_OneErrorLineAndExit1()
    {
        var (code, _, stderr) = await UsageRun.RunAsync([]);

        Assert.Equal(1, code);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("--log", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_MissingFile_OneErrorLineAndExit1()
    {
        var missing = Path.Combine(_folder, "missing.json");

        var (code, stdout, stderr) = await UsageRun.RunAsync(["--log", missing]);

        Assert.Equal((1, ""), (code, stdout));
        Assert.Equal($"error: cannot read {missing}: no such file\n", stderr);
    }

    [Fact]
    public async Task Usage_Help_PrintsTheOptionsAndExits0()
    {
        var (code, stdout, _) = await UsageRun.RunAsync(["--help"]);

        Assert.Equal(0, code);
        foreach (var option in new[] { "--log", "--since", "--until", "--by", "--json", "--html" })
        {
            Assert.Contains(option, stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Usage_Html_WritesOneSelfContainedFileWithTheReportData()
    {
        var log = WriteSampleLog();
        var html = Path.Combine(_folder, "report.html");

        var (code, _, stderr) = await UsageRun.RunAsync(["--log", log, "--html", html]);

        Assert.Equal(0, code);
        Assert.Contains($"wrote {html}", stderr, StringComparison.Ordinal);
        var page = await File.ReadAllTextAsync(html);
        Assert.DoesNotContain("/*USAGE-DATA*/", page, StringComparison.Ordinal);
        // Self-contained: nothing is fetched, no external script, style or font.
        Assert.DoesNotContain("src=\"http", page, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", page, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", page, StringComparison.Ordinal);
        var start = page.IndexOf("<script type=\"application/json\" id=\"usage-data\">", StringComparison.Ordinal);
        var data = page[(page.IndexOf('>', start) + 1)..page.IndexOf("</script>", start, StringComparison.Ordinal)];
        var json = JsonNode.Parse(data)!;
        Assert.Equal(["2026-11-27", "2026-11-28"], json["days"]!.AsArray().Select(d => (string?)d!["key"]));
        Assert.Equal(3, json["sessions"]!.AsArray().Count);
        Assert.Equal(3L, json["ttft"]!.AsArray().Sum(b => (long)b!["count"]!));
    }

    [Fact]
    public async Task Usage_Html_SessionIdThatClosesTheScript_StaysData()
    {
        var path = Path.Combine(_folder, "claude.json");
        await File.WriteAllTextAsync(path, LogLines.Ai(session: "</script><script>alert(1)</script>") + "\n");
        var html = Path.Combine(_folder, "report.html");

        Assert.Equal(0, (await UsageRun.RunAsync(["--log", path, "--html", html])).ExitCode);

        var page = await File.ReadAllTextAsync(html);
        Assert.DoesNotContain("alert(1)</script>", page, StringComparison.Ordinal);
        Assert.Equal(2, page.Split("</script>").Length - 1);
    }

    [Fact]
    public async Task Usage_HtmlIntoAMissingFolder_OneErrorLineAndExit1()
    {
        var log = WriteSampleLog();
        var html = Path.Combine(_folder, "no", "such", "report.html");

        var (code, _, stderr) = await UsageRun.RunAsync(["--log", log, "--html", html]);

        Assert.Equal(1, code);
        Assert.StartsWith($"error: cannot write {html}: ", stderr, StringComparison.Ordinal);
    }
}
