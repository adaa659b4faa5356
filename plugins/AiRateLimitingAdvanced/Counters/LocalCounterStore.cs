using System.Collections.Concurrent;
using Gateway.Plugins.AiRateLimitingAdvanced.Enforcement;
using Gateway.Plugins.AiRateLimitingAdvanced.Windows;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Counters;

/// <summary>
/// A namespace's counters in this process (<c>strategy: local</c>, and the fallback while Redis is unreachable).
/// Keyed by value tuples, so a lookup allocates nothing; counters idle for two windows are swept once a minute.
/// </summary>
internal sealed class LocalCounterStore(TimeProvider time) : ICounterStore
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(string Provider, long Size, string Identifier), WindowCounter> _counters = new();
    private long _nextSweep;

    public int Count => _counters.Count;

    public ValueTask ReadAsync(BudgetWindow[] windows, string identifier, double now, double[] current, double[] previous)
    {
        Read(windows, identifier, now, current, previous);
        return ValueTask.CompletedTask;
    }

    public ValueTask AddAsync(BudgetWindow[] windows, int start, int count, string identifier, double now, double amount)
    {
        Add(windows, start, count, identifier, now, amount);
        return ValueTask.CompletedTask;
    }

    public void Read(BudgetWindow[] windows, string identifier, double now, double[] current, double[] previous)
    {
        SweepIfDue(now);
        for (var i = 0; i < windows.Length; i++)
        {
            var window = windows[i];
            if (_counters.TryGetValue((window.Provider, window.Size, identifier), out var counter))
            {
                (current[i], previous[i]) = counter.Read(WindowMath.Start(now, window.Size));
            }
            else
            {
                current[i] = previous[i] = 0;
            }
        }
    }

    public void Add(BudgetWindow[] windows, int start, int count, string identifier, double now, double amount)
    {
        for (var i = start; i < start + count; i++)
        {
            var window = windows[i];
            var counter = _counters.GetOrAdd((window.Provider, window.Size, identifier), static key => new WindowCounter(key.Size));
            counter.Add(WindowMath.Start(now, window.Size), amount);
        }
    }

    private void SweepIfDue(double now)
    {
        var ticks = time.GetTimestamp();
        var due = Volatile.Read(ref _nextSweep);
        if (ticks < due || Interlocked.CompareExchange(ref _nextSweep, ticks + (long)(SweepEvery.TotalSeconds * time.TimestampFrequency), due) != due)
        {
            return;
        }

        foreach (var (key, counter) in _counters)
        {
            if (counter.Start + (2 * key.Size) <= WindowMath.Start(now, key.Size))
            {
                _counters.TryRemove(new KeyValuePair<(string, long, string), WindowCounter>(key, counter));
            }
        }
    }
}
