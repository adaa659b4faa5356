namespace Gateway.Bench.UsageReport;

/// <summary>What the generator wrote, summed as it wrote it: the report must arrive at the same figures.</summary>
internal sealed class GeneratedTotals
{
    public long Lines { get; set; }
    public long AiLines { get; set; }
    public long WithoutAi { get; set; }
    public long Malformed { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public long CacheWriteTokens { get; set; }
    public long CacheReadTokens { get; set; }
    public decimal Cost { get; set; }
    public long Errors { get; set; }
}
