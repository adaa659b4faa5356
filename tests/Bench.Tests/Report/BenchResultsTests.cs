using Gateway.Bench.LoadGen;
using Gateway.Bench.LoadGen.Processes;
using Gateway.Bench.LoadGen.Report;

namespace Gateway.Bench.Tests.Report;

/// <summary>What a run with <c>--only</c> reports, and the routes workload's labels.</summary>
public sealed class BenchResultsTests
{
    [Fact]
    public void Missing_WithOnly_AsksJustForTheFiguresOfTheWorkloadsThatRan()
    {
        var results = new BenchResults { Only = new HashSet<string> { Workload.Throughput } };
        foreach (var figure in Figures.List.Where(f => f.Workload is null or Workload.Throughput))
        {
            foreach (var column in figure.Columns)
            {
                results.Set(figure, column, 1);
            }
        }

        Assert.Empty(results.Missing());
        results.Only = null;
        Assert.Contains($"{Figures.LatencyP50.Id}/{Target.Gateway}", results.Missing());
    }

    [Fact]
    public void ToMarkdown_WithOnly_LeavesOutTheRowsOfWorkloadsThatDidNotRun()
    {
        var results = new BenchResults { Only = new HashSet<string> { Workload.Throughput } };
        results.Set(Figures.Rps64, Target.Bare, 10_000);
        results.Set(Figures.Rps64, Target.Gateway, 9_000);

        var markdown = results.ToMarkdown();

        Assert.Contains("| throughput c=64 | req/s |", markdown, StringComparison.Ordinal);
        Assert.Contains("9,000 (0.90×)", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("small request c=1 p50", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(Figures.RoutesRatio.Id, results.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void LabelOf_RoutesFigures_NamesTheRouteCountOfTheRun()
    {
        var results = new BenchResults { RoutesLabel = "1,000 routes (--quick; full run 10,000)" };

        Assert.Equal("1,000 routes (--quick; full run 10,000): last route c=1 p50", results.LabelOf(Figures.RoutesLastP50));
        Assert.Equal("1 route: same request c=1 p50", results.LabelOf(Figures.RoutesOneP50));
    }
}
