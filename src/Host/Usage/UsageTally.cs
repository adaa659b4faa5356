namespace Gateway.Host.Usage;

/// <summary>The running sums of one group (a day, a model, a session, a route, or everything).</summary>
/// <param name="keepTtft">Whether this group's TTFT percentiles will be shown: only those groups pay for a histogram.</param>
internal sealed class UsageTally(bool keepTtft)
{
    public long Requests { get; private set; }
    public long InputTokens { get; private set; }
    public long OutputTokens { get; private set; }
    public long CacheWriteTokens { get; private set; }
    public long CacheReadTokens { get; private set; }
    public decimal Cost { get; private set; }
    public long Errors { get; private set; }
    public TtftHistogram Ttft { get; } = keepTtft ? new() : TtftHistogram.None;

    /// <summary>The earliest and latest <c>started_at</c> seen (ms since the epoch), for the sessions table.</summary>
    public long? FirstStartedAtMs { get; private set; }
    public long? LastStartedAtMs { get; private set; }

    public void Add(in LogLine line)
    {
        Requests++;
        InputTokens += line.InputTokens;
        OutputTokens += line.CompletionTokens;
        CacheWriteTokens += line.CacheWriteTokens;
        CacheReadTokens += line.CacheReadTokens;
        Cost += line.Cost;
        if (line.Status >= 400 || line.AiError)
        {
            Errors++;
        }

        if (keepTtft && line.TimeToFirstTokenMs > 0)
        {
            Ttft.Add(line.TimeToFirstTokenMs);
        }

        if (line.StartedAtMs is { } started)
        {
            FirstStartedAtMs = FirstStartedAtMs is { } first ? Math.Min(first, started) : started;
            LastStartedAtMs = LastStartedAtMs is { } last ? Math.Max(last, started) : started;
        }
    }
}
