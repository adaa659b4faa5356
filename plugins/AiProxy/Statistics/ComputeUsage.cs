using Gateway.Plugins.AiProxy.Configuration;

namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary>
/// Turns Anthropic's counts into Kong's usage fields, correcting Kong 3.13: completion_tokens is the final
/// cumulative output_tokens (not a sum), prompt_tokens includes cache reads and writes (split out in
/// prompt_tokens_details), and time_per_token is llm_latency / completion_tokens as an unrounded float, or 0.
/// </summary>
internal static class ComputeUsage
{
    public static UsageStatistics Run(TokenUsage usage, ModelOptions prices, LlmTimings timings)
    {
        var cached = usage.CacheReadInputTokens ?? 0;
        var cacheCreation = usage.CacheCreationInputTokens ?? 0;
        var prompt = (usage.InputTokens ?? 0) + cached + cacheCreation;
        var completion = usage.OutputTokens ?? 0;
        var timePerToken = completion > 0 ? (double)timings.LatencyMs / completion : 0;
        return new UsageStatistics(prompt, completion, prompt + completion, CostCalculator.Compute(usage, prices),
            timePerToken, timings.TimeToFirstTokenMs, cached, cacheCreation);
    }
}
