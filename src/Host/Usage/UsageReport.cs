namespace Gateway.Host.Usage;

/// <summary>The finished report: what every output (table, JSON, HTML) is written from.</summary>
internal sealed record UsageReport(
    UsageGrouping By,
    DateTimeOffset? Since,
    DateTimeOffset? Until,
    IReadOnlyList<string> Files,
    IReadOnlyList<UsageRow> Rows,
    UsageRow Totals,
    IReadOnlyList<UsageRow> Days,
    IReadOnlyList<UsageRow> Models,
    IReadOnlyList<UsageRow> Sessions,
    IReadOnlyList<TtftBucket> TtftDistribution,
    LineCounts Lines)
{
    public static UsageReport From(UsageAggregator aggregator, UsageOptions options, IReadOnlyList<LogInput> inputs)
    {
        var days = Ordered(aggregator.ByDay, UsageGrouping.Day);
        var models = Ordered(aggregator.ByModel, UsageGrouping.Model);
        var sessions = Ordered(aggregator.BySession, UsageGrouping.Session);
        var rows = options.By switch
        {
            UsageGrouping.Day => days,
            UsageGrouping.Model => models,
            UsageGrouping.Session => sessions,
            _ => Ordered(aggregator.Groups(options.By), options.By),
        };
        return new UsageReport(
            options.By,
            options.Since,
            options.Until,
            [.. inputs.Select(i => i.Name)],
            rows,
            UsageRow.From("Total", aggregator.Totals),
            days,
            models,
            sessions,
            TtftBucket.From(aggregator.Totals.Ttft),
            aggregator.Lines);
    }

    /// <summary>Days in calendar order; everything else most expensive first (then busiest), as that is what people look for.</summary>
    private static List<UsageRow> Ordered(Dictionary<string, UsageTally> groups, UsageGrouping by)
    {
        var rows = groups.Select(g => UsageRow.From(g.Key, g.Value));
        return by == UsageGrouping.Day
            ? [.. rows.OrderBy(r => r.Key, StringComparer.Ordinal)]
            : [.. rows.OrderByDescending(r => r.Cost).ThenByDescending(r => r.Requests).ThenBy(r => r.Key, StringComparer.Ordinal)];
    }
}
