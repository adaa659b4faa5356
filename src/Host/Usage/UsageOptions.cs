namespace Gateway.Host.Usage;

/// <summary>What <c>gateway usage</c> was asked for, validated.</summary>
/// <param name="Logs">The file-log files as given (<c>-</c> is standard input); rotated siblings are added when read.</param>
/// <param name="Since">Lines that started before this instant are left out.</param>
/// <param name="Until">Lines that started at or after this instant are left out.</param>
internal sealed record UsageOptions(
    IReadOnlyList<string> Logs,
    DateTimeOffset? Since,
    DateTimeOffset? Until,
    UsageGrouping By,
    bool Json,
    string? HtmlPath);
