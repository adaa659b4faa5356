using Gateway.Plugins.AiProxy.Configuration;

namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary>
/// Kong's cost rule (prices per 1M tokens, 0 unless both input_cost and output_cost are set), corrected for
/// prompt caching: cache reads and writes are priced at cache_read_cost / cache_write_cost when configured and at
/// input_cost otherwise (Kong 3.13 did not count them at all).
/// </summary>
internal static class CostCalculator
{
    private const double PerMillion = 1_000_000d;

    public static double Compute(TokenUsage usage, ModelOptions prices)
    {
        if (prices.InputCost is not { } input || prices.OutputCost is not { } output)
        {
            return 0;
        }

        var cacheRead = prices.CacheReadCost ?? input;
        var cacheWrite = prices.CacheWriteCost ?? input;
        return ((usage.InputTokens ?? 0) * input
            + (usage.CacheReadInputTokens ?? 0) * cacheRead
            + (usage.CacheCreationInputTokens ?? 0) * cacheWrite
            + (usage.OutputTokens ?? 0) * output) / PerMillion;
    }
}
