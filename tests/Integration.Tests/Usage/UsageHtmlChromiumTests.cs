using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gateway.Host.Usage;
using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Usage;

/// <summary>
/// The <c>--html</c> report opened in a real browser (Debian's headless Chromium, offline): its script must have drawn
/// every chart from the data, one SVG bar per group and series, and sorted the sessions by cost.
/// </summary>
public sealed partial class UsageHtmlChromiumTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task HtmlReport_OpenedInHeadlessChromium_DrawsABarPerDayTypeModelAndTtftBucketAndSortsSessionsByCost()
    {
        var chromium = await Chromium.EnsureInstalledAsync();
        var log = _folder.File("claude.json");
        var day = new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero);
        var sessions = new[] { "s-cheap", "s-dear", "s-middle", "s-none-cached" };
        var text = new StringBuilder();
        // Three days, two models, four sessions; TTFTs spread over four buckets (≤100 ms, ≤500 ms, ≤1 s, ≤3 s).
        long[] ttfts = [80, 450, 900, 2500];
        decimal[] costs = [0.001m, 0.5m, 0.05m, 0.01m];
        for (var i = 0; i < 12; i++)
        {
            text.Append(Line(day.AddDays(i % 3).AddMinutes(i), sessions[i % 4], i % 2 == 0 ? "claude-sonnet-4-5" : "claude-haiku-4-5",
                input: 100 + i, output: 10 * i, cacheWrite: i * 7, cacheRead: i % 4 == 3 ? 0 : 1000 * i, cost: costs[i % 4], ttft: ttfts[i % 4])).Append('\n');
        }

        text.Append("{\"truncated\":").Append('\n');
        await File.WriteAllTextAsync(log, text.ToString());
        var html = _folder.File("report.html");

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await UsageCommand.RunAsync(["usage", "--log", log, "--html", html],
            new UsageConsole(stdout, stderr, () => Stream.Null, false, false), CancellationToken.None);
        Assert.True(code == 0, stderr.ToString());

        var dom = await Chromium.DumpDomAsync(chromium, html, _folder.File("profile"));
        var png = _folder.File("report.png");
        await Chromium.ScreenshotAsync(chromium, html, _folder.File("profile"), png, 1400, 1500);

        Assert.Contains("data-rendered=\"true\"", dom, StringComparison.Ordinal);
        var bars = Bars(dom);
        string[] days = ["2026-11-03", "2026-11-04", "2026-11-05"];
        foreach (var series in new[] { "input", "output", "cache_write", "cache_read" })
        {
            Assert.Equal(days, bars.Where(b => b.Series == series).Select(b => b.Key));
        }

        // Day 1 holds requests 0, 3, 6 and 9: its output bar is 0 + 30 + 60 + 90 tokens.
        Assert.Equal("180", bars.Single(b => b.Series == "output" && b.Key == "2026-11-03").Value);
        var costBars = bars.Where(b => b.Series == "cost").ToList();
        // Most expensive first: haiku served the 0.5 and 0.01 requests, sonnet the 0.001 and 0.05 ones, three of each.
        Assert.Equal(["claude-haiku-4-5", "claude-sonnet-4-5"], costBars.Select(b => b.Key));
        Assert.Equal(["1.53", "0.153"], costBars.Select(b => b.Value));

        var ttftBars = bars.Where(b => b.Series == "ttft").ToList();
        var data = JsonNode.Parse(EmbeddedData(dom))!;
        Assert.Equal(data["ttft"]!.AsArray().Count, ttftBars.Count);
        Assert.Equal(12, ttftBars.Sum(b => long.Parse(b.Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(4, ttftBars.Count(b => b.Value == "3"));

        var rows = SessionRow().Matches(dom).Select(m => (m.Groups["key"].Value, decimal.Parse(m.Groups["cost"].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(["s-dear", "s-middle", "s-none-cached", "s-cheap"], rows.Select(r => r.Item1));
        Assert.Equal([1.5m, 0.15m, 0.03m, 0.003m], rows.Select(r => r.Item2));

        var header = await File.ReadAllBytesAsync(png);
        Assert.True(header.Length > 20_000, $"the screenshot is {header.Length} bytes: nothing drawn?");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], header[..4]);
        Assert.Equal((1400, 1500), (BigEndian(header, 16), BigEndian(header, 20)));
    }

    private static string Line(DateTimeOffset startedAt, string session, string model, long input, long output, long cacheWrite, long cacheRead, decimal cost, long ttft) =>
        new JsonObject
        {
            ["request"] = new JsonObject { ["headers"] = new JsonObject { ["x-claude-code-session-id"] = session } },
            ["response"] = new JsonObject { ["status"] = 200 },
            ["route"] = new JsonObject { ["name"] = "example-route" },
            ["started_at"] = startedAt.ToUnixTimeMilliseconds(),
            ["ai"] = new JsonObject
            {
                ["proxy"] = new JsonObject
                {
                    ["meta"] = new JsonObject { ["request_model"] = model, ["response_model"] = model },
                    ["usage"] = new JsonObject
                    {
                        ["prompt_tokens"] = input + cacheWrite + cacheRead,
                        ["completion_tokens"] = output,
                        ["cost"] = cost,
                        ["time_to_first_token"] = ttft,
                        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = cacheRead, ["cache_creation_tokens"] = cacheWrite },
                    },
                },
            },
        }.ToJsonString();

    private static List<(string Series, string Key, string Value)> Bars(string dom) =>
        [.. Rect().Matches(dom).Select(m => (m.Groups["series"].Value, m.Groups["key"].Value, m.Groups["value"].Value))];

    private static string EmbeddedData(string dom)
    {
        var match = DataScript().Match(dom);
        Assert.True(match.Success, "the embedded report data is missing from the page");
        return match.Groups["json"].Value;
    }

    private static int BigEndian(byte[] bytes, int offset) => (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];

    [GeneratedRegex("""<rect class="bar" data-series="(?<series>[a-z_]+)" data-key="(?<key>[^"]*)" data-value="(?<value>[^"]*)"[^>]*>""")]
    private static partial Regex Rect();

    [GeneratedRegex("""<tr data-key="(?<key>[^"]*)" data-cost="(?<cost>[^"]*)">""")]
    private static partial Regex SessionRow();

    [GeneratedRegex("""<script type="application/json" id="usage-data">(?<json>.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex DataScript();
}
