using Microsoft.Extensions.Logging;

namespace Gateway.Plugins.FileLog.Writing;

/// <summary>
/// Turns write failures into rate-limited error lines that carry the count of lost entries, so a broken path is
/// loud once a minute instead of once a request, and no loss goes unreported. Used by one writer loop only.
/// </summary>
internal sealed class WriteFailureReporter(string path, ILogger logger, TimeProvider timeProvider, TimeSpan interval)
{
    private long _unreportedLost;
    private DateTimeOffset? _lastReport;
    private string? _lastReason;

    public bool IsFailing => _lastReason is not null;

    public void Failed(Exception exception, int lostEntries)
    {
        _unreportedLost += lostEntries;
        _lastReason = AppendFile.Reason(exception);
        var now = timeProvider.GetUtcNow();
        if (_lastReport is { } last && now - last < interval)
        {
            return;
        }

        _lastReport = now;
        FileLogLog.WriteFailed(logger, path, _lastReason, _unreportedLost, interval);
        _unreportedLost = 0;
    }

    public void Succeeded()
    {
        if (_lastReason is null)
        {
            return;
        }

        // _lastReport stays: a file that flaps between working and failing still errors at most once a minute.
        _lastReason = null;
        FileLogLog.Recovered(logger, path, _unreportedLost);
        _unreportedLost = 0;
    }

    /// <summary>At shutdown, reports losses the rate limit held back.</summary>
    public void ReportPending()
    {
        if (_unreportedLost > 0)
        {
            FileLogLog.WriteFailed(logger, path, _lastReason ?? "unknown", _unreportedLost, interval);
            _unreportedLost = 0;
        }
    }
}
