using Gateway.Plugins.AiProxy.Configuration;
using Gateway.Plugins.AiProxy.Statistics;

namespace Gateway.Plugins.AiProxy.Tests.Statistics;

public sealed class ComputeUsageTests
{
    /// <summary>
    /// Hand-computed rows. Prices are per 1M tokens. Streamed rows use the final cumulative output_tokens (what the
    /// stream parser leaves in TokenUsage); Kong 3.13 would have reported provisional + every delta instead.
    /// </summary>
    public sealed record Row(string Name, long? Input, long? Output, long? CacheWrite, long? CacheRead,
        double? InputCost, double? OutputCost, double? CacheReadCost, double? CacheWriteCost, long Latency, long Ttft,
        long Prompt, long Completion, long Total, double Cost, double TimePerToken, long Cached, long CacheCreation)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Row> Rows => new()
    {
        // Kong's docs sample (stream, no cache, no prices): 3310 ms / 85 tokens.
        new Row("stream, Kong sample", 1, 85, null, null, null, null, null, null, 3310, 2583,
            1, 85, 86, 0, 38.94117647058823, 0, 0),
        // One-shot, 25 in / 456 out, $3 / $15: (25*3 + 456*15)/1e6 = 0.006915; 6786/456.
        new Row("oneshot, priced", 25, 456, 0, 0, 3, 15, null, null, 6786, 6785,
            25, 456, 481, 0.006915, 14.881578947368421, 0, 0),
        // Stream with cache, no cache prices: cache tokens at input_cost.
        // prompt = 12 + 2048 + 30000 = 32060; cost = (32060*3 + 85*15)/1e6 = 0.097455.
        new Row("stream, cache at input price", 12, 85, 2048, 30000, 3, 15, null, null, 1700, 400,
            32060, 85, 32145, 0.097455, 20, 30000, 2048),
        // Same with cache prices $0.30 read / $3.75 write:
        // (12*3 + 30000*0.3 + 2048*3.75 + 85*15)/1e6 = (36 + 9000 + 7680 + 1275)/1e6 = 0.017991.
        new Row("stream, cache prices", 12, 85, 2048, 30000, 3, 15, 0.3, 3.75, 1700, 400,
            32060, 85, 32145, 0.017991, 20, 30000, 2048),
        // One-shot with cache prices, cache reads only: (100*3 + 5000*0.3 + 10*15)/1e6 = 0.00195.
        new Row("oneshot, cache read priced", 100, 10, 0, 5000, 3, 15, 0.3, 3.75, 500, 500,
            5100, 10, 5110, 0.00195, 50, 5000, 0),
        // Only input_cost set: Kong prices nothing unless both are set.
        new Row("input price only", 100, 10, null, null, 3, null, null, null, 500, 500,
            100, 10, 110, 0, 50, 0, 0),
        // No output tokens (error after message_start): time_per_token is 0, not a division by zero.
        new Row("no completion", 40, null, null, null, 3, 15, null, null, 120, 0,
            40, 0, 40, 0.00012, 0, 0, 0),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Run_HandComputedRow_MatchesExpected(Row row)
    {
        var (_, input, output, cacheWrite, cacheRead, inputCost, outputCost, cacheReadCost, cacheWriteCost, latency, ttft,
            prompt, completion, total, cost, timePerToken, cached, cacheCreation) = row;
        var usage = new TokenUsage
        {
            InputTokens = input,
            OutputTokens = output,
            CacheCreationInputTokens = cacheWrite,
            CacheReadInputTokens = cacheRead,
        };
        var prices = new ModelOptions
        {
            InputCost = inputCost,
            OutputCost = outputCost,
            CacheReadCost = cacheReadCost,
            CacheWriteCost = cacheWriteCost,
        };

        var result = ComputeUsage.Run(usage, prices, new LlmTimings(latency, ttft));

        Assert.Equal(prompt, result.PromptTokens);
        Assert.Equal(completion, result.CompletionTokens);
        Assert.Equal(total, result.TotalTokens);
        Assert.Equal(cost, result.Cost, 1e-12);
        Assert.Equal(timePerToken, result.TimePerToken, 1e-9);
        Assert.Equal(ttft, result.TimeToFirstToken);
        Assert.Equal(cached, result.CachedTokens);
        Assert.Equal(cacheCreation, result.CacheCreationTokens);
    }

    [Fact]
    public void Measure_TimestampsInTicks_AreFlooredMillisecondsFromUpstreamSent()
    {
        const double ticksPerMs = TimeSpan.TicksPerMillisecond; // request-clock offsets, in TimeSpan ticks
        const long sent = 1_000_000;

        var timings = LlmTimings.Measure(sent, sent + (long)(3310.9 * ticksPerMs), sent + (long)(2583.2 * ticksPerMs));

        Assert.Equal(new LlmTimings(3310, 2583), timings);
    }

    [Fact]
    public void Measure_NeverSentUpstream_IsZero() =>
        Assert.Equal(default, LlmTimings.Measure(0, 123456, 0));
}
