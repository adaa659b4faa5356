using System.Text;
using Gateway.Fuzz.Tests.Invariants;
using Xunit.Abstractions;

namespace Gateway.Fuzz.Tests;

/// <summary>The invariants of a bounded, seeded run of malformed request lines, headers and bodies (mixed with
/// valid traffic, split writes and client aborts) against the live gateway on loopback. A failure names the
/// seed, the case and its bytes; replay with <c>FUZZ_SEED</c>/<c>FUZZ_CASES</c>.</summary>
public sealed class FuzzRunTests(FuzzRunFixture fixture, ITestOutputHelper output) : IClassFixture<FuzzRunFixture>
{
    private const int Shown = 12;

    [Fact]
    public void Run_WellFormedProbesDuringAndAfter_AlwaysGetTheirNormalAnswer() =>
        AssertHolds("the gateway keeps serving", ServingInvariant.Check(fixture.Evidence));

    [Fact]
    public void Run_UpstreamsThatNeverFail_AreNeverBlamedWith5xxAndNoAnswerShowsInternals() =>
        AssertHolds("client faults are not blamed on the upstream", ClientFaultInvariant.Check(fixture.Evidence));

    [Fact]
    public void Run_EveryUpstreamRequest_CarriesOnlyWhatTheClientSentPlusDocumentedHeaders() =>
        AssertHolds("the upstream sees only what the client sent", UpstreamViewInvariant.Check(fixture.Evidence));

    [Fact]
    public void Run_EveryRequestTheGatewayTook_HasExactlyOneWholeLogLine() =>
        AssertHolds("one whole log line per request", LogLineInvariant.Check(fixture.Evidence));

    [Fact]
    public void Run_NoSecret_AppearsInLogsLogFileOrResponses() =>
        AssertHolds("no secret in any output", SecretInvariant.Check(fixture.Evidence));

    private void AssertHolds(string invariant, IEnumerable<Violation> check)
    {
        var evidence = fixture.Evidence;
        var violations = check.ToList();
        var figures = $"{evidence.Run.Figures}; {evidence.UpstreamConnections.Sum(c => c.Requests.Count)} upstream requests; "
            + $"{LogLineInvariant.Count(evidence.LogFileText)} log lines for {LogLineInvariant.AnsweredWithId(evidence)} answers with a request id";
        output.WriteLine(figures + "; " + fixture.Stages);
        if (violations.Count == 0)
        {
            return;
        }

        var report = new StringBuilder($"Invariant \"{invariant}\" broken {violations.Count} times ({figures}). ");
        // Distinct kinds first: one example of each, so a flood of one kind cannot hide another.
        var examples = violations.GroupBy(v => Kind(v.What)).Select(g => g.First()).Take(Shown).ToList();
        report.AppendLine($"{violations.GroupBy(v => Kind(v.What)).Count()} kinds, one example each:");
        foreach (var violation in examples)
        {
            report.AppendLine("  - " + violation);
        }

        // Everything, for the test log; the assertion message stays readable.
        foreach (var violation in violations.Take(500))
        {
            output.WriteLine(violation.ToString());
        }

        Assert.Fail(report.ToString());
    }

    /// <summary>The violation's text up to its first specific detail, to group like with like.</summary>
    private static string Kind(string what) => what.Split(['"', '(', ':'])[0].Trim();
}
