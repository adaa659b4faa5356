namespace Gateway.Host.Usage;

/// <summary>What became of the lines read: summarised, left out by the time window, or not usable (never fatal).</summary>
internal sealed class LineCounts
{
    public long Read { get; set; }

    /// <summary>ai-proxy lines inside the time window: the ones in the tables.</summary>
    public long Used { get; set; }

    /// <summary>ai-proxy lines before <c>--since</c> or from <c>--until</c> on.</summary>
    public long OutsideWindow { get; set; }

    /// <summary>Valid JSON without <c>ai.proxy</c>: requests ai-proxy never saw, or lines of other logging plugins.</summary>
    public long WithoutAiProxy { get; set; }

    /// <summary>Lines that are not one JSON object.</summary>
    public long Malformed { get; set; }

    /// <summary>A file's last line had no line break and did not parse: a live file caught mid-write.</summary>
    public long TruncatedLast { get; set; }

    /// <summary>Lines longer than <see cref="LogLineSplitter.MaxLineBytes"/>, skipped without being held.</summary>
    public long TooLong { get; set; }

    public long Blank { get; set; }

    public long Unusable => Malformed + TruncatedLast + TooLong;
}
