using System.Text.Json;

namespace Gateway.Fuzz.Tests.Invariants;

/// <summary>
/// Invariant 1, continued: both upstreams answer every request they receive promptly and well, so any 5xx (and
/// any 5xx in a log line, which covers clients that left before their answer) blames an upstream for what a client
/// did. 501 and 505 are the exceptions: the correct answers to a transfer coding or an HTTP version the gateway
/// does not implement. No answer may show a stack trace or an exception type.
/// </summary>
internal static class ClientFaultInvariant
{
    private static readonly string[] StackTraceMarks = ["   at ", "Exception:", "System.", "Microsoft.AspNetCore.", "Yarp."];

    private static bool IsUpstreamBlame(int status) => status >= 500 && status is not (501 or 505);

    public static IEnumerable<Violation> Check(RunEvidence evidence)
    {
        foreach (var outcome in evidence.Run.Outcomes)
        {
            for (var i = 0; i < outcome.Exchange.Responses.Count; i++)
            {
                var response = outcome.Exchange.Responses[i];
                if (IsUpstreamBlame(response.Status))
                {
                    yield return new Violation(
                        $"answered {response.Status} though the upstreams never fail: {RunEvidence.Escape(response.BodyText, 200)}",
                        evidence.Describe(outcome));
                }

                if (StackTraceMarks.FirstOrDefault(m => response.BodyText.Contains(m, StringComparison.Ordinal)) is { } mark)
                {
                    yield return new Violation($"a response body shows internals (\"{mark.Trim()}\"): {RunEvidence.Escape(response.BodyText, 300)}", evidence.Describe(outcome));
                }
            }
        }

        foreach (var line in evidence.LogFileText.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int status;
            string? tag;
            try
            {
                using var entry = JsonDocument.Parse(line);
                status = entry.RootElement.GetProperty("response").GetProperty("status").GetInt32();
                tag = LogLineInvariant.Tag(entry.RootElement);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                // Unparseable lines are LogLineInvariant's to report.
                continue;
            }

            if (IsUpstreamBlame(status))
            {
                var where = tag is not null && evidence.RequestsByTag.TryGetValue(tag, out var request) ? evidence.Describe(request.Outcome) : "(no case tag)";
                yield return new Violation($"logged as {status} though the upstreams never fail (a client fault blamed on the upstream)", where);
            }
        }
    }
}
