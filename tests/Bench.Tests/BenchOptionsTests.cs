using Gateway.Bench.LoadGen;

namespace Gateway.Bench.Tests;

/// <summary>The harness's switches that change what the gateway column runs.</summary>
public sealed class BenchOptionsTests
{
    [Fact]
    public void Parse_WithoutSwitches_RunsTheGatewayWithoutPrometheusOrBudget()
    {
        var options = BenchOptions.Parse(["--quick"]);

        Assert.False(options.WithPrometheus);
        Assert.Null(options.WithBudget);
        Assert.Equal("--quick", options.Describe());
    }

    [Fact]
    public void Parse_WithPrometheus_AddsThePlugin()
    {
        var options = BenchOptions.Parse(["--with-prometheus"]);

        Assert.True(options.WithPrometheus);
        Assert.Equal("full, --with-prometheus", options.Describe());
    }

    [Theory]
    [InlineData("local", nameof(BudgetStrategy.Local))]
    [InlineData("redis", nameof(BudgetStrategy.Redis))]
    public void Parse_WithBudget_TakesTheStrategyThatFollows(string value, string expected)
    {
        var options = BenchOptions.Parse(["--quick", "--with-budget", value, "--no-install"]);

        Assert.Equal(expected, options.WithBudget?.ToString());
        Assert.True(options.Quick);
        Assert.False(options.Install);
        Assert.Equal($"--quick, --with-budget {value}", options.Describe());
    }

    [Theory]
    [InlineData("cluster", "not 'cluster'")]
    [InlineData("Redis", "not 'Redis'")]
    public void Parse_WithBudget_RejectsAnUnknownStrategyByName(string value, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--with-budget", value]));

        Assert.Contains("--with-budget takes local or redis", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithBudgetLast_SaysTheStrategyIsMissing()
    {
        var error = Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--quick", "--with-budget"]));

        Assert.Contains("--with-budget takes local or redis, not nothing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithOnly_RunsJustTheNamedWorkloadsAtFullLength()
    {
        var options = BenchOptions.Parse(["--only", "throughput,latency"]);

        Assert.False(options.Quick);
        Assert.Equal(new BenchOptions().ThroughputRounds, options.ThroughputRounds);
        Assert.True(options.Runs(Workload.Throughput));
        Assert.True(options.Runs(Workload.Latency));
        Assert.False(options.Runs(Workload.Streams));
        Assert.False(options.Runs(Workload.Routes));
        Assert.Equal("full, --only latency,throughput", options.Describe());
    }

    [Fact]
    public void Parse_WithoutOnly_RunsEveryWorkload()
    {
        var options = BenchOptions.Parse(["--quick"]);

        Assert.All(Workload.All, w => Assert.True(options.Runs(w), w));
    }

    [Theory]
    [InlineData("throughput,rps", "not 'rps'")]
    [InlineData("Latency", "not 'Latency'")]
    [InlineData(",", "not nothing")]
    public void Parse_WithOnly_RejectsAnUnknownWorkloadByName(string value, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--only", value]));

        Assert.Contains("--only takes workloads separated by commas (latency, throughput, slow-upstream,", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithOnlyLast_SaysTheWorkloadsAreMissing()
    {
        var error = Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--only"]));

        Assert.Contains("not nothing", error.Message, StringComparison.Ordinal);
    }
}
