using Gateway.Fuzz.Tests.Fuzzing;

namespace Gateway.Fuzz.Tests.Harness;

/// <summary>Everything one run produced, for the invariant checks.</summary>
internal sealed record FuzzRun(
    FuzzSettings Settings,
    IReadOnlyList<CaseOutcome> Outcomes,
    IReadOnlyList<string> ProbeFailures,
    int CasesRun,
    TimeSpan Elapsed,
    bool StoppedByWallTime)
{
    public string Figures =>
        $"{Settings}: {CasesRun} cases in {Elapsed.TotalSeconds:0.0} s{(StoppedByWallTime ? $" (stopped by the {Settings.WallTime.TotalSeconds:0} s wall-time bound)" : "")} ({string.Join(", ", Outcomes.GroupBy(o => o.Exchange.Ended).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"))})";
}
