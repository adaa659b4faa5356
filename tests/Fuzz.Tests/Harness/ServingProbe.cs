using System.Text;
using Gateway.Fuzz.Tests.Fuzzing;
using Gateway.Fuzz.Tests.Wire;

namespace Gateway.Fuzz.Tests.Harness;

/// <summary>A fresh, well-formed request on each route, on a new connection: whatever the fuzzing did before, the
/// gateway must still answer these exactly as it would on a quiet day.</summary>
internal static class ServingProbe
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Probes both routes; the outcomes join the run's (for the log and upstream checks) and a failure
    /// text says what was wrong.</summary>
    public static async Task<(IReadOnlyList<CaseOutcome> Outcomes, IReadOnlyList<string> Failures)> CheckAsync(int port, int number)
    {
        var plain = new RequestDraft($"probe{number}.0", FuzzRoute.Plain, "GET", "/plain/probe?n=" + number);
        plain.SetHeader("Connection", "close");
        var ai = new RequestDraft($"probe{number}.1", FuzzRoute.Ai, "POST", "/ai/v1/messages");
        ai.SetHeader("Connection", "close");
        ai.SetHeader("Content-Type", "application/json");
        ai.SetHeader("anthropic-version", "2023-06-01");
        ai.SetHeader("x-api-key", Secrets.ApiKey);
        ai.WithLengthBody(Encoding.UTF8.GetBytes(
            $$"""{"model":"{{FuzzCaseGenerator.AiModel}}","max_tokens":16,"messages":[{"role":"user","content":"probe"}]}"""));

        var outcomes = new List<CaseOutcome>();
        var failures = new List<string>();
        foreach (var (draft, expected) in new[] { (plain, RecordingUpstream.AnswerBody), (ai, "\"type\":\"message\"") })
        {
            var request = draft.Build();
            var probe = new FuzzCase(-number, [request], [new Segment(request.Bytes, 0)], Abort: false);
            try
            {
                var exchange = await RawClient.ExchangeAsync(port, probe.Segments, 1, _ => false, abort: false, Patience);
                outcomes.Add(new CaseOutcome(probe, exchange));
                var response = exchange.Responses.Count > 0 ? exchange.Responses[0] : null;
                if (response is null || response.Status != 200 || !response.BodyText.Contains(expected, StringComparison.Ordinal) || response.Value("X-Kong-Request-Id") is null)
                {
                    failures.Add($"probe {request.Method} {request.Target} expected 200 with \"{expected}\", got {(response is null ? exchange.Ended.ToString() : WireParser.Escape(response.StartLine + " " + response.BodyText, 300))}");
                }
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException)
            {
                outcomes.Add(new CaseOutcome(probe, new RawExchange([], [], ExchangeEnd.Closed), e.Message));
                failures.Add($"probe {request.Method} {request.Target}: {e.Message}");
            }
        }

        return (outcomes, failures);
    }
}
