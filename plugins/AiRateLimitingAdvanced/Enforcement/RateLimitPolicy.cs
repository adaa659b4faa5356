using Gateway.Plugins.AiRateLimitingAdvanced.Configuration;
using Gateway.Plugins.AiRateLimitingAdvanced.Counters;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Enforcement;

/// <summary>
/// One instance's config compiled for the request path: its windows (every provider's, in config order, so a
/// provider's windows are one contiguous range), their header names, and the counter store of its namespace.
/// </summary>
internal sealed class RateLimitPolicy
{
    public RateLimitPolicy(AiRateLimitingAdvancedConfig config, string @namespace, ICounterStore store)
    {
        Config = config;
        Namespace = @namespace;
        Store = store;
        var windows = new List<BudgetWindow>();
        var ranges = new List<(string, int, int)>();
        foreach (var provider in config.LlmProviders!)
        {
            var start = windows.Count;
            for (var i = 0; i < provider.Limit!.Count; i++)
            {
                windows.Add(new BudgetWindow(provider.Name!, provider.Limit[i], (long)provider.WindowSize![i]));
            }

            ranges.Add((provider.Name!, start, windows.Count - start));
        }

        Windows = [.. windows];
        Headers = [.. windows.Select(w => new WindowHeaders(w.LimitHeader, w.RemainingHeader, w.ResetHeader, w.RetryAfterHeader))];
        ProviderRanges = [.. ranges];
    }

    public AiRateLimitingAdvancedConfig Config { get; }

    public string Namespace { get; }

    public ICounterStore Store { get; }

    public BudgetWindow[] Windows { get; }

    /// <summary>Header names per window, built once so the request path only formats numbers.</summary>
    public WindowHeaders[] Headers { get; }

    /// <summary>Each provider's windows: <c>(name, first index, count)</c>.</summary>
    public (string Provider, int Start, int Count)[] ProviderRanges { get; }

    public bool Sliding => Config.WindowType == WindowType.Sliding;

    public bool CountsCost => Config.TokensCountStrategy == TokensCountStrategy.Cost;

    /// <summary>The windows of <paramref name="provider"/>, or an empty range when it has no budget here.</summary>
    public (int Start, int Count) RangeOf(string provider)
    {
        foreach (var (name, start, count) in ProviderRanges)
        {
            if (string.Equals(name, provider, StringComparison.Ordinal))
            {
                return (start, count);
            }
        }

        return (0, 0);
    }
}

/// <summary>The per-window header names of a <see cref="BudgetWindow"/>.</summary>
internal sealed record WindowHeaders(string Limit, string Remaining, string Reset, string RetryAfter);
