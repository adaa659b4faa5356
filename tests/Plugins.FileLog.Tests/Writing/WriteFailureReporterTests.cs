using Gateway.Plugins.FileLog.Tests.Support;
using Gateway.Plugins.FileLog.Writing;
using Microsoft.Extensions.Logging;

namespace Gateway.Plugins.FileLog.Tests.Writing;

public sealed class WriteFailureReporterTests
{
    private readonly ListLogger _logger = new();
    private readonly ManualTimeProvider _time = new();
    private readonly WriteFailureReporter _reporter;

    public WriteFailureReporterTests() =>
        _reporter = new WriteFailureReporter("/x/a.log", _logger, _time, TimeSpan.FromMinutes(1));

    private static IOException Reason() => new("No such file or directory");

    [Fact]
    public void Failed_RepeatedWithinAMinute_LoggedOnce()
    {
        _reporter.Failed(Reason(), 1);
        _time.Advance(TimeSpan.FromSeconds(59));
        _reporter.Failed(Reason(), 1);

        var error = Assert.Single(_logger.At(LogLevel.Error));
        Assert.Contains("/x/a.log: No such file or directory. 1 log entries lost", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_AfterAMinute_LoggedAgainWithHeldBackCount()
    {
        _reporter.Failed(Reason(), 1);
        _reporter.Failed(Reason(), 2);
        _reporter.Failed(Reason(), 3);
        _time.Advance(TimeSpan.FromMinutes(1));
        _reporter.Failed(Reason(), 4);

        var errors = _logger.At(LogLevel.Error);
        Assert.Equal(2, errors.Count);
        Assert.Contains(" 9 log entries lost", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Succeeded_AfterSuppressedFailures_ReportsTheirCount()
    {
        _reporter.Failed(Reason(), 0);
        _reporter.Failed(Reason(), 5);

        _reporter.Succeeded();

        var warning = Assert.Single(_logger.At(LogLevel.Warning));
        Assert.Contains("/x/a.log again; 5 more log entries were lost", warning, StringComparison.Ordinal);
        Assert.False(_reporter.IsFailing);
    }

    [Fact]
    public void Succeeded_WithoutFailure_LogsNothing()
    {
        _reporter.Succeeded();

        Assert.Empty(_logger.Entries);
    }

    [Fact]
    public void ReportPending_HeldBackLosses_LoggedDespiteRateLimit()
    {
        _reporter.Failed(Reason(), 1);
        _reporter.Failed(Reason(), 2);

        _reporter.ReportPending();

        var errors = _logger.At(LogLevel.Error);
        Assert.Equal(2, errors.Count);
        Assert.Contains(" 2 log entries lost", errors[1], StringComparison.Ordinal);
    }
}
