namespace Gateway.Host.Usage;

/// <summary>
/// Folds parsed lines into tallies by day, model, session and route at once (the HTML report draws several of them)
/// plus the totals. Memory grows with the number of groups, never with the number of lines.
/// </summary>
/// <param name="by">The grouping shown in the table: only its groups (and the totals) keep TTFT histograms.</param>
internal sealed class UsageAggregator(DateTimeOffset? since, DateTimeOffset? until, UsageGrouping by)
{
    public const string NoSession = "(no session)";
    public const string NoRoute = "(no route)";
    public const string NoTime = "(no time)";

    private readonly long? _sinceMs = since?.ToUnixTimeMilliseconds();
    private readonly long? _untilMs = until?.ToUnixTimeMilliseconds();

    public LineCounts Lines { get; } = new();
    public UsageTally Totals { get; } = new(keepTtft: true);
    public Dictionary<string, UsageTally> ByDay { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, UsageTally> ByModel { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, UsageTally> BySession { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, UsageTally> ByRoute { get; } = new(StringComparer.Ordinal);

    public void Add(in LogLine line)
    {
        if (!line.HasAiProxy)
        {
            Lines.WithoutAiProxy++;
            return;
        }

        if ((_sinceMs is not null || _untilMs is not null)
            && (line.StartedAtMs is not { } started || started < _sinceMs || started >= _untilMs))
        {
            Lines.OutsideWindow++;
            return;
        }

        Lines.Used++;
        Totals.Add(line);
        Tally(ByDay, Day(line.StartedAtMs), by == UsageGrouping.Day).Add(line);
        Tally(ByModel, line.ModelKey, by == UsageGrouping.Model).Add(line);
        Tally(BySession, string.IsNullOrEmpty(line.SessionId) ? NoSession : line.SessionId, by == UsageGrouping.Session).Add(line);
        Tally(ByRoute, string.IsNullOrEmpty(line.Route) ? NoRoute : line.Route, by == UsageGrouping.Route).Add(line);
    }

    public Dictionary<string, UsageTally> Groups(UsageGrouping by) => by switch
    {
        UsageGrouping.Day => ByDay,
        UsageGrouping.Model => ByModel,
        UsageGrouping.Session => BySession,
        UsageGrouping.Route => ByRoute,
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, null),
    };

    /// <summary>The UTC calendar day, as <c>started_at</c> is UTC and logs from several hosts must agree.</summary>
    public static string DayOf(long? startedAtMs) =>
        startedAtMs is { } ms && ms >= MinMs && ms <= MaxMs
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : NoTime;

    private static readonly long MinMs = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private const long MsPerDay = 86_400_000;
    private long _dayStartMs = long.MaxValue;
    private string _day = NoTime;

    /// <summary><see cref="DayOf"/> without a string per line: log lines come in time order, so the last day repeats.</summary>
    private string Day(long? startedAtMs)
    {
        if (startedAtMs is not { } ms || ms < MinMs || ms > MaxMs)
        {
            return NoTime;
        }

        if (ms < _dayStartMs || ms >= _dayStartMs + MsPerDay)
        {
            _dayStartMs = ms - (((ms % MsPerDay) + MsPerDay) % MsPerDay);
            _day = DayOf(ms);
        }

        return _day;
    }

    private static UsageTally Tally(Dictionary<string, UsageTally> groups, string key, bool keepTtft)
    {
        ref var tally = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(groups, key, out _);
        return tally ??= new UsageTally(keepTtft);
    }
}
