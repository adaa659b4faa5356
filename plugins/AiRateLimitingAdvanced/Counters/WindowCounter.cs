namespace Gateway.Plugins.AiRateLimitingAdvanced.Counters;

/// <summary>
/// One identifier's count in one window size: the current window and the one before, rolled forward as time passes,
/// so a sliding estimate needs nothing else. Locked, because a request's check and another's count may race.
/// </summary>
internal sealed class WindowCounter(long size)
{
    private readonly Lock _lock = new();
    private long _start = long.MinValue;
    private double _current;
    private double _previous;

    /// <summary>The start of the newest window counted; read without the lock by the sweep, which tolerates a stale value.</summary>
    public long Start => Volatile.Read(ref _start);

    public (double Current, double Previous) Read(long start)
    {
        lock (_lock)
        {
            Roll(start);
            return start == _start ? (_current, _previous) : (0, 0);
        }
    }

    public void Add(long start, double amount)
    {
        lock (_lock)
        {
            Roll(start);
            if (start == _start)
            {
                _current += amount;
            }
        }
    }

    private void Roll(long start)
    {
        if (start <= _start)
        {
            // The same window, or a clock that stepped back: keep the newer window's counts.
            return;
        }

        _previous = start == _start + size ? _current : 0;
        _current = 0;
        Volatile.Write(ref _start, start);
    }
}
