using System.Text.Json.Nodes;
using Gateway.EndToEnd.Tests.Infrastructure;

namespace Gateway.EndToEnd.Tests.Usage;

/// <summary>
/// The real Claude Code CLI through the tutorial's gateway (priced) to the mock, then the real host's <c>usage</c>
/// verb over the file-log it wrote: the report's figures must be the sums of the log lines and of what the mock
/// reported, per session and in total.
/// </summary>
[Collection(ClaudeCodeCollection.Name)]
public sealed class UsageReportCrossCheckTests(ClaudeCodeInstallation cli)
{
    private const decimal InputCost = 3m, OutputCost = 15m, CacheReadCost = 0.3m, CacheWriteCost = 3.75m;

    [Fact]
    public async Task Usage_TwoClaudeCodeSessions_TotalsEqualTheLogLinesAndTheMocksUsage()
    {
        await using var world = await TutorialGateway.StartAsync(
            [$"input_cost: {InputCost}", $"output_cost: {OutputCost}", $"cache_read_cost: {CacheReadCost}", $"cache_write_cost: {CacheWriteCost}"]);

        // Session 1: a Bash tool round trip (two Messages calls); session 2: one question.
        var toolRun = await world.RunClaudeAsync(cli, ClaudeCodeRun.Environment(world.BaseUrl, world.Home),
            "-p", "Make a file. [[mock:bash:echo counted > counted.txt]]", "--allowedTools", "Bash");
        Assert.True(toolRun.ExitCode == 0, toolRun.ToString());
        var question = await world.RunClaudeAsync(cli, ClaudeCodeRun.Environment(world.BaseUrl, world.Home), "-p", "What is 2 + 2? [[mock:text:Four.]]");
        Assert.True(question.ExitCode == 0, question.ToString());
        var upstream = world.Mock.Requests;
        Assert.Equal(3, upstream.Count);
        var (_, log) = await world.StopAndReadLogAsync();
        Assert.Equal(3, log.Count);

        var (code, stdout, stderr) = await HostProcess.RunAsync(["usage", "--log", world.LogPath, "--by", "session", "--json"]);

        Assert.True(code == 0, stderr);
        var report = JsonNode.Parse(stdout)!;
        var totals = report["totals"]!;

        // The mock's side: what it reported to the client.
        var sent = upstream.Select(r => r.ResponseUsage ?? throw new InvalidOperationException("the mock recorded no usage for " + r.PathAndQuery)).ToList();
        Assert.All(sent, u => Assert.True(u.CacheReadInputTokens > 0 && u.CacheCreationInputTokens > 0 && u.OutputTokens > 1, "the mock's usage should exercise every token type: " + u));
        var fromMock = (
            Requests: (long)sent.Count,
            Input: sent.Sum(u => (long)u.InputTokens),
            Output: sent.Sum(u => (long)u.OutputTokens),
            CacheWrite: sent.Sum(u => (long)u.CacheCreationInputTokens),
            CacheRead: sent.Sum(u => (long)u.CacheReadInputTokens));
        var mockCost = sent.Sum(u => (u.InputTokens * InputCost + u.OutputTokens * OutputCost + u.CacheReadInputTokens * CacheReadCost + u.CacheCreationInputTokens * CacheWriteCost) / 1_000_000m);

        // The log's side: the lines summed independently of the report's parser.
        var usages = log.Select(l => l["ai"]!["proxy"]!["usage"]!).ToList();
        var fromLog = (
            Requests: (long)log.Count,
            Input: usages.Sum(u => (long)u["prompt_tokens"]! - (long)u["prompt_tokens_details"]!["cached_tokens"]! - (long)u["prompt_tokens_details"]!["cache_creation_tokens"]!),
            Output: usages.Sum(u => (long)u["completion_tokens"]!),
            CacheWrite: usages.Sum(u => (long)u["prompt_tokens_details"]!["cache_creation_tokens"]!),
            CacheRead: usages.Sum(u => (long)u["prompt_tokens_details"]!["cached_tokens"]!));
        var logCost = usages.Sum(u => (decimal)u["cost"]!);

        var fromReport = (
            Requests: (long)totals["requests"]!,
            Input: (long)totals["input_tokens"]!,
            Output: (long)totals["output_tokens"]!,
            CacheWrite: (long)totals["cache_write_tokens"]!,
            CacheRead: (long)totals["cache_read_tokens"]!);
        Assert.Equal(fromLog, fromReport);
        Assert.Equal(fromMock, fromReport);
        Assert.Equal(logCost, (decimal)totals["cost"]!);
        Assert.True(Math.Abs(mockCost - (decimal)totals["cost"]!) < 0.000_000_001m, $"report cost {totals["cost"]} vs the mock's usage priced {mockCost}");
        Assert.True(mockCost > 0, "the run should cost something");
        Assert.Equal((double)fromLog.CacheRead / (fromLog.Input + fromLog.CacheWrite + fromLog.CacheRead), (double)totals["cache_hit_ratio"]!, 12);
        Assert.Equal(0L, (long)totals["errors"]!);

        // TTFT percentiles: nearest rank over the logged values. A first token the mock sent within the same
        // millisecond is logged as 0 (whole ms, as Kong), which the report counts as "no first token": so over the
        // non-zero ones, however many of the three that is.
        var ttfts = usages.Select(u => (long)u["time_to_first_token"]!).Where(t => t > 0).Order().ToList();
        Assert.NotEmpty(ttfts);
        Assert.Equal((NearestRank(ttfts, 50), NearestRank(ttfts, 95)), ((long)totals["ttft_p50_ms"]!, (long)totals["ttft_p95_ms"]!));

        // Sessions: Claude Code's x-claude-code-session-id, two calls in the first run and one in the second.
        var sessionOf = log.Select(l => (string)l["request"]!["headers"]!["x-claude-code-session-id"]!).ToList();
        Assert.Equal(sessionOf[0], sessionOf[1]);
        Assert.NotEqual(sessionOf[0], sessionOf[2]);
        var groups = report["groups"]!.AsArray().ToDictionary(g => (string)g!["key"]!, g => g!);
        Assert.Equal(new[] { sessionOf[0], sessionOf[2] }.Order(StringComparer.Ordinal), groups.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2L, (long)groups[sessionOf[0]]["requests"]!);
        Assert.Equal(1L, (long)groups[sessionOf[2]]["requests"]!);
        Assert.Equal((decimal)usages[0]["cost"]! + (decimal)usages[1]["cost"]!, (decimal)groups[sessionOf[0]]["cost"]!);
        Assert.Equal((decimal)usages[2]["cost"]!, (decimal)groups[sessionOf[2]]["cost"]!);
        Assert.Equal((3L, 3L, 0L), ((long)report["lines"]!["read"]!, (long)report["lines"]!["summarised"]!, (long)report["lines"]!["malformed"]!));
    }

    private static long NearestRank(List<long> sorted, int percentile) =>
        sorted[(int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1];
}
