using System.Text.Json;
using Gateway.Bench.LoadGen;
using Gateway.Bench.LoadGen.Report;
using Xunit.Abstractions;

namespace Gateway.Bench.Tests;

/// <summary>
/// Keeps the benchmark harness working: runs <c>--quick</c> against the real mock, YARP forwarder, bare proxy,
/// gateway, nginx and Portkey (installing the last two when missing), with the gateway's OpenAI translation route
/// and the 1,000-route gateway of the routes workload, and checks that every figure was produced for every column
/// it applies to. It never asserts a time: CI machines are shared and noisy.
/// </summary>
public sealed class QuickBenchTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Quick_run_produces_every_figure_for_every_column()
    {
        // Room for a first apt-get/npm install on a fresh machine; the run itself is under a minute.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var progress = new StringWriter();
        BenchResults results;
        try
        {
            results = await Harness.RunAsync(BenchOptions.QuickRun with { WriteResultFile = false }, TextWriter.Synchronized(progress), timeout.Token);
        }
        finally
        {
            output.WriteLine(progress.ToString());
        }

        var markdown = results.ToMarkdown();
        output.WriteLine(markdown);

        Assert.Empty(results.Unavailable);
        Assert.Empty(results.Missing());
        Assert.Contains("GC ", results.Machine, StringComparison.Ordinal);
        Assert.Contains("kernel ", results.Machine, StringComparison.Ordinal);
        Assert.Contains("load: ", results.Machine, StringComparison.Ordinal);
        foreach (var figure in Figures.List)
        {
            var label = results.LabelOf(figure);
            var row = markdown.Split('\n').SingleOrDefault(l => l.StartsWith($"| {label} |", StringComparison.Ordinal));
            Assert.True(row is not null, $"no row for {label}");
            Assert.DoesNotContain("n/a", row, StringComparison.Ordinal);
        }

        // The machine-readable twin has the same figures.
        using var json = JsonDocument.Parse(results.ToJson());
        foreach (var figure in Figures.List)
        {
            foreach (var column in figure.Columns)
            {
                Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("figures").GetProperty(figure.Id).GetProperty(column).ValueKind);
            }
        }
    }
}
