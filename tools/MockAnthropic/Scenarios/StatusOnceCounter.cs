using System.Collections.Concurrent;

namespace Gateway.MockAnthropic.Scenarios;

/// <summary>Counts <c>status-once</c> markers so only the first request carrying one fails.</summary>
internal sealed class StatusOnceCounter
{
    private readonly ConcurrentDictionary<string, int> _seen = new(StringComparer.Ordinal);

    /// <summary>True exactly once per key until <see cref="Clear"/>, even under concurrent calls.</summary>
    public bool IsFirst(string key) => _seen.AddOrUpdate(key, 1, static (_, n) => n + 1) == 1;

    public void Clear() => _seen.Clear();
}
