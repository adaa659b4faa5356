namespace Gateway.MockAnthropic.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_NoArguments_ListensOnPort9000()
    {
        var options = CommandLine.Parse([]);

        Assert.Equal("http://127.0.0.1:9000", options.Urls);
        Assert.Null(options.ExpectedApiKey);
    }

    [Fact]
    public void Parse_AllOptions_SetsProperties()
    {
        var options = CommandLine.Parse(
        [
            "--urls", "http://127.0.0.1:9123", "--latency-ms", "5", "--deltas=64", "--delta-interval-ms", "20",
            "--expected-api-key", "k", "--hold-timeout-ms", "100", "--max-recorded-requests", "10",
            "--max-recorded-body-bytes", "0",
        ]);

        Assert.Equal("http://127.0.0.1:9123", options.Urls);
        Assert.Equal(5, options.LatencyMs);
        Assert.Equal(64, options.Deltas);
        Assert.Equal(20, options.DeltaIntervalMs);
        Assert.Equal("k", options.ExpectedApiKey);
        Assert.Equal(100, options.HoldTimeoutMs);
        Assert.Equal(10, options.MaxRecordedRequests);
        Assert.Equal(0, options.MaxRecordedBodyBytes);
    }

    [Theory]
    [InlineData("--bogus", "1")]
    [InlineData("--latency-ms", "-1")]
    [InlineData("--deltas", "many")]
    public void Parse_BadArgument_Throws(string name, string value)
    {
        Assert.Throws<FormatException>(() => CommandLine.Parse([name, value]));
    }
}
