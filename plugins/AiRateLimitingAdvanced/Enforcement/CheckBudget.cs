using Gateway.Plugins.AiRateLimitingAdvanced.Windows;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Enforcement;

/// <summary>
/// Kong's access-phase rule: each window's estimate, without the current request, is compared with its limit, and the
/// request is refused when any is strictly greater. So the request that crosses a limit still passes (its usage is
/// only known after the response) and the next one is refused.
/// </summary>
internal static class CheckBudget
{
    /// <returns>Whether the request is refused.</returns>
    public static bool Run(RateLimitPolicy policy, RateLimitState state, double now)
    {
        var windows = policy.Windows;
        var jitterMax = (int)Math.Floor(policy.Config.RetryAfterJitterMax);
        var denied = false;
        state.MaxReset = state.MaxRetry = 0;
        for (var i = 0; i < windows.Length; i++)
        {
            var window = windows[i];
            var rate = WindowMath.Rate(policy.Sliding, state.Current[i], state.Previous[i], now, window.Size);
            state.Rates[i] = rate;
            state.Resets[i] = state.Retries[i] = 0;
            if (rate <= window.Limit)
            {
                continue;
            }

            denied = true;
            var reset = WindowMath.Reset(policy.Sliding, rate, window.Limit, now, window.Size);
            var retry = jitterMax >= 1 ? reset + Random.Shared.Next(1, jitterMax + 1) : reset;
            state.Resets[i] = reset;
            state.Retries[i] = retry;
            state.MaxReset = Math.Max(state.MaxReset, reset);
            state.MaxRetry = Math.Max(state.MaxRetry, retry);
        }

        state.Denied = denied;
        return denied;
    }

    /// <summary>The providers with a refusing window, in config order, for the error message.</summary>
    public static List<string> DeniedProviders(RateLimitPolicy policy, RateLimitState state)
    {
        var providers = new List<string>();
        foreach (var (provider, start, count) in policy.ProviderRanges)
        {
            for (var i = start; i < start + count; i++)
            {
                if (state.Resets[i] > 0)
                {
                    providers.Add(provider);
                    break;
                }
            }
        }

        return providers;
    }
}
