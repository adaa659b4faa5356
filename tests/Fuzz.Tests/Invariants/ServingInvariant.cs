namespace Gateway.Fuzz.Tests.Invariants;

/// <summary>Invariant 1: the gateway keeps serving. Every probe (fresh connection, well-formed request, both
/// routes) got its normal answer, and no case failed to connect.</summary>
internal static class ServingInvariant
{
    public static IEnumerable<Violation> Check(RunEvidence evidence)
    {
        foreach (var failure in evidence.Run.ProbeFailures)
        {
            yield return new Violation("a well-formed probe did not get its normal answer", failure);
        }

        foreach (var outcome in evidence.Run.Outcomes.Where(o => o.Error is not null && o.Case.Id >= 0))
        {
            yield return new Violation("the gateway refused a connection: " + outcome.Error, evidence.Describe(outcome));
        }
    }
}
