namespace Gateway.Fuzz.Tests.Invariants;

/// <summary>One broken invariant, with enough to replay it.</summary>
internal sealed record Violation(string What, string Evidence)
{
    public override string ToString() => $"{What}\n      {Evidence}";
}
