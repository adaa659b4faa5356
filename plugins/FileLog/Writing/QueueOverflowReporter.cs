using Microsoft.Extensions.Logging;

namespace Gateway.Plugins.FileLog.Writing;

/// <summary>
/// Counts entries dropped because a file's queue stayed full, and says so at most once per interval, always with
/// the exact count. Called from request threads, so every count moves with an atomic exchange: each drop is
/// reported exactly once, by whichever report comes next.
/// </summary>
internal sealed class QueueOverflowReporter(
    string path, int capacity, TimeSpan wait, ILogger logger, TimeProvider timeProvider, TimeSpan interval)
{
    private long _unreported;
    private long _lastReportTicks = long.MinValue;

    /// <summary>Counts one dropped entry; the first drop after a quiet interval is reported at once.</summary>
    public void Dropped()
    {
        Interlocked.Increment(ref _unreported);
        var now = timeProvider.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastReportTicks);
        if (last != long.MinValue && now - last < interval.Ticks)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _lastReportTicks, now, last) != last)
        {
            return;
        }

        FileLogLog.EntriesDropped(logger, Interlocked.Exchange(ref _unreported, 0), path, capacity, (long)wait.TotalMilliseconds, interval);
    }

    /// <summary>The queue took an entry again after drops.</summary>
    public void Resumed() => FileLogLog.DroppingEnded(logger, path, Interlocked.Exchange(ref _unreported, 0));

    /// <summary>At shutdown, reports drops the rate limit held back.</summary>
    public void ReportPending()
    {
        var dropped = Interlocked.Exchange(ref _unreported, 0);
        if (dropped > 0)
        {
            FileLogLog.EntriesDropped(logger, dropped, path, capacity, (long)wait.TotalMilliseconds, interval);
        }
    }
}
