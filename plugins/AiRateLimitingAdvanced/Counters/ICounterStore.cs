using Gateway.Plugins.AiRateLimitingAdvanced.Enforcement;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Counters;

/// <summary>Where a namespace's counters live: this process (<see cref="LocalCounterStore"/>) or Redis
/// (<see cref="RedisCounterStore"/>). Each phase makes one call, so one round trip for a shared store.</summary>
internal interface ICounterStore
{
    /// <summary>Reads every window's current and previous counts for <paramref name="identifier"/>.</summary>
    /// <param name="now">Unix time in seconds.</param>
    ValueTask ReadAsync(BudgetWindow[] windows, string identifier, double now, double[] current, double[] previous);

    /// <summary>Adds <paramref name="amount"/> to windows <c>[start, start + count)</c> for <paramref name="identifier"/>.</summary>
    ValueTask AddAsync(BudgetWindow[] windows, int start, int count, string identifier, double now, double amount);
}
