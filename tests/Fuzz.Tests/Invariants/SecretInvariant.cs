using Gateway.Fuzz.Tests.Fuzzing;

namespace Gateway.Fuzz.Tests.Invariants;

/// <summary>Invariant 4: no secret in any output — not in what the gateway logged (messages and exceptions), not in
/// the file-log file, not in any byte a client got back. The upstreams never echo, so any hit is a leak.</summary>
internal static class SecretInvariant
{
    public static IEnumerable<Violation> Check(RunEvidence evidence)
    {
        foreach (var secret in Secrets.All)
        {
            foreach (var log in evidence.GatewayLogs.Where(l => (l.Message + l.Exception).Contains(secret, StringComparison.Ordinal)))
            {
                yield return new Violation($"the gateway's {log.Level} log from {log.Category} shows {secret}", RunEvidence.Escape(log.Message + " " + log.Exception, 600));
            }

            var at = evidence.LogFileText.IndexOf(secret, StringComparison.Ordinal);
            if (at >= 0)
            {
                var start = evidence.LogFileText.LastIndexOf('\n', at) + 1;
                var end = evidence.LogFileText.IndexOf('\n', at);
                yield return new Violation($"the file-log file shows {secret}", RunEvidence.Escape(evidence.LogFileText[start..(end < 0 ? ^0 : end)], 800));
            }

            foreach (var outcome in evidence.Run.Outcomes.Where(o => RunEvidence.Text(o.Exchange.Raw).Contains(secret, StringComparison.Ordinal)))
            {
                yield return new Violation($"a response shows {secret}: {RunEvidence.Escape(RunEvidence.Text(outcome.Exchange.Raw), 400)}", evidence.Describe(outcome));
            }
        }
    }
}
