namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary>
/// Integer milliseconds measured from when the request went upstream: <c>llm_latency</c> to the end of the whole
/// response (or to the log phase when it never ended), <c>time_to_first_token</c> to the first content event of a
/// stream, or to the first body byte of a one-shot reply (which is why it is at or just below llm_latency there).
/// Times are request-clock offsets (<see cref="PluginContext.Elapsed"/>) in TimeSpan ticks; 0 means not seen.
/// </summary>
internal readonly record struct LlmTimings(long LatencyMs, long TimeToFirstTokenMs)
{
    public static LlmTimings Measure(long upstreamSent, long end, long firstToken)
    {
        if (upstreamSent == 0)
        {
            return default;
        }

        return new LlmTimings(Milliseconds(upstreamSent, end), firstToken == 0 ? 0 : Milliseconds(upstreamSent, firstToken));
    }

    private static long Milliseconds(long from, long to) =>
        to <= from ? 0 : (long)Math.Floor(TimeSpan.FromTicks(to - from).TotalMilliseconds);
}
