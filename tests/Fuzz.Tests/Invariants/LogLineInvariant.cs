using System.Text.Json;

namespace Gateway.Fuzz.Tests.Invariants;

/// <summary>
/// Invariant 3: every request the gateway took has exactly one whole log line. The file ends with a newline and
/// every line is one JSON object; each <c>X-Kong-Request-Id</c> a client received appears on exactly one line, with
/// the status the client got; no client request has two lines; every request the upstream received was logged;
/// and no line is for a request that no client sent.
/// </summary>
internal static class LogLineInvariant
{
    public static IEnumerable<Violation> Check(RunEvidence evidence)
    {
        var text = evidence.LogFileText;
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            yield return new Violation("the log file ends with a partial line", "last 300 chars: " + RunEvidence.Escape(text[^Math.Min(300, text.Length)..]));
        }

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var byId = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
        var tags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            JsonElement entry;
            try
            {
                using var document = JsonDocument.Parse(line);
                entry = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                entry = default;
            }

            if (entry.ValueKind != JsonValueKind.Object || Id(entry) is not { } id)
            {
                yield return new Violation("a log line is not one JSON object with a request id (torn or interleaved)", RunEvidence.Escape(line, 600));
                continue;
            }

            byId.TryAdd(id, []);
            byId[id].Add(entry);
            if (Tag(entry) is { } tag)
            {
                // A tag names one client request: a second line with it is one request logged twice, or split in two.
                if (!tags.Add(tag))
                {
                    yield return new Violation($"request tag {tag} has more than one log line", RunEvidence.Escape(line, 600));
                }

                if (!evidence.RequestsByTag.ContainsKey(tag))
                {
                    yield return new Violation($"a log line for request tag {tag}, which no client sent", RunEvidence.Escape(line, 600));
                }
            }
        }

        foreach (var (id, entries) in byId.Where(e => e.Value.Count > 1))
        {
            yield return new Violation($"request {id} has {entries.Count} log lines", RunEvidence.Escape(entries[0].GetRawText(), 400));
        }

        foreach (var outcome in evidence.Run.Outcomes)
        {
            for (var i = 0; i < outcome.Exchange.Responses.Count; i++)
            {
                var response = outcome.Exchange.Responses[i];
                if (response.Value("X-Kong-Request-Id") is not { } id)
                {
                    continue;
                }

                if (!byId.TryGetValue(id, out var entries))
                {
                    yield return new Violation($"the client got request id {id} ({response.Status}) but the log has no line for it", evidence.Describe(outcome));
                }
                else if (Status(entries[0]) is var logged && logged != response.Status)
                {
                    yield return new Violation($"request {id} was answered {response.Status} but logged as {logged}", evidence.Describe(outcome));
                }
            }
        }

        foreach (var request in evidence.UpstreamConnections.SelectMany(c => c.Requests))
        {
            if (request.Value("X-Fuzz-Case") is { } tag && evidence.RequestsByTag.TryGetValue(tag, out var origin) && !tags.Contains(tag))
            {
                yield return new Violation($"request {tag} reached the upstream but has no log line", evidence.Describe(origin.Outcome));
            }
        }
    }

    public static string? Id(JsonElement entry) =>
        entry.TryGetProperty("request", out var request) && request.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    /// <summary>The <c>X-Fuzz-Case</c> header the line recorded (the first, if it was sent twice).</summary>
    public static string? Tag(JsonElement entry) =>
        entry.TryGetProperty("request", out var request) && request.TryGetProperty("headers", out var headers) && headers.TryGetProperty("x-fuzz-case", out var tag)
            ? tag.ValueKind == JsonValueKind.Array ? tag[0].GetString() : tag.GetString()
            : null;

    /// <summary>How many lines the file has, for the run's figures.</summary>
    public static int Count(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    public static int AnsweredWithId(RunEvidence evidence) =>
        evidence.Run.Outcomes.Sum(o => o.Exchange.Responses.Count(r => r.Value("X-Kong-Request-Id") is not null));

    public static int? Status(JsonElement entry) =>
        entry.TryGetProperty("response", out var response) && response.TryGetProperty("status", out var status) && status.TryGetInt32(out var value) ? value : null;
}
