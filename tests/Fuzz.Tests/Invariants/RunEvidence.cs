using System.Text;
using Gateway.Fuzz.Tests.Harness;
using Gateway.Fuzz.Tests.Wire;

namespace Gateway.Fuzz.Tests.Invariants;

/// <summary>What the run left behind once the gateway stopped: the client's view (in <see cref="Run"/>), the
/// upstream's, the file-log file and everything the gateway logged.</summary>
internal sealed record RunEvidence(
    FuzzRun Run,
    IReadOnlyList<UpstreamConnection> UpstreamConnections,
    string LogFileText,
    IReadOnlyList<RecordedLog> GatewayLogs)
{
    /// <summary>Every case, probes included, by the tag of each of its requests.</summary>
    public IReadOnlyDictionary<string, (CaseOutcome Outcome, int Index)> RequestsByTag { get; } = Run.Outcomes
        .SelectMany(o => o.Case.Requests.Select((r, i) => (r.Tag, Outcome: o, Index: i)))
        .ToDictionary(x => x.Tag, x => (x.Outcome, x.Index), StringComparer.Ordinal);

    public string Describe(CaseOutcome outcome) => outcome.Case.Describe(Run.Settings);

    public static string Text(byte[] raw) => Encoding.Latin1.GetString(raw);

    public static string Escape(string text, int max = 300) => WireParser.Escape(text, max);
}
