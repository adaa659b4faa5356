using Gateway.Fuzz.Tests.Fuzzing;
using Gateway.Fuzz.Tests.Wire;

namespace Gateway.Fuzz.Tests.Invariants;

/// <summary>
/// Invariant 2: the upstream sees only what the client sent, plus the gateway's documented headers. Checked on the
/// raw bytes of every upstream connection: they parse strictly as HTTP/1.1; every request carries the tag of one
/// <c>/plain</c> request and no tag arrives twice (so no request was smuggled or split off); the request line is a
/// clean origin-form target; every header is one the client sent with the same value, or one the gateway adds;
/// no value carries CR, LF or NUL; framing is never doubled; and a body the client framed correctly arrives intact.
/// </summary>
internal static class UpstreamViewInvariant
{
    /// <summary>What the gateway itself writes upstream (docs/security.md): Kong's forwarding headers, Host, and the
    /// framing of the body as re-sent. Everything else must come from the client.</summary>
    public static readonly IReadOnlySet<string> GatewayHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Port", "X-Forwarded-Path",
        "X-Forwarded-Prefix", "Content-Length", "Transfer-Encoding",
    };

    public static IEnumerable<Violation> Check(RunEvidence evidence)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var connection in evidence.UpstreamConnections)
        {
            if (connection.Error is not null)
            {
                yield return new Violation(
                    $"the upstream received bytes that are not valid HTTP/1.1 ({connection.Error})",
                    "upstream bytes: " + WireParser.Escape(connection.FailedBytes, 600) + Origin(evidence, connection.FailedBytes));
            }

            foreach (var request in connection.Requests)
            {
                foreach (var violation in CheckRequest(evidence, request, seen))
                {
                    yield return violation;
                }
            }
        }
    }

    public static IEnumerable<Violation> CheckRequest(RunEvidence evidence, WireMessage request, Dictionary<string, int> seen)
    {
        var tags = request.Values("X-Fuzz-Case").ToList();
        var shown = "upstream request: " + WireParser.Escape(request.StartLine + "\r\n" + string.Join("\r\n", request.Headers.Select(h => h.Name + ": " + h.Value)), 600);
        if (tags.Count != 1 || !evidence.RequestsByTag.TryGetValue(tags[0], out var origin))
        {
            yield return new Violation("the upstream received a request no client sent (split or smuggled)", shown);
            yield break;
        }

        var (outcome, index) = origin;
        var sent = outcome.Case.Requests[index];
        var where = shown + "\n      from " + evidence.Describe(outcome);
        seen[tags[0]] = seen.GetValueOrDefault(tags[0]) + 1;
        if (seen[tags[0]] == 2)
        {
            yield return new Violation("the upstream received one client request twice (a request was split)", where);
        }

        if (sent.Route != FuzzRoute.Plain)
        {
            yield return new Violation($"a {sent.Route} request reached the plain upstream", where);
        }

        if (TargetProblem(request.StartLine, sent) is { } problem)
        {
            yield return new Violation("the upstream request line is not clean: " + problem, where);
        }

        foreach (var header in request.Headers)
        {
            if (header.Value.AsSpan().IndexOfAny("\r\n\0") >= 0)
            {
                yield return new Violation($"upstream header {header.Name} carries CR, LF or NUL", where);
            }
            else if (!GatewayHeaders.Contains(header.Name) && !SentByClient(header, sent))
            {
                yield return new Violation($"the upstream saw header \"{WireParser.Escape(header.Name + ": " + header.Value, 200)}\" the client did not send", where);
            }
        }

        if (request.Value("Content-Length") is not null && request.Value("Transfer-Encoding") is not null)
        {
            yield return new Violation("the upstream request has both Content-Length and Transfer-Encoding", where);
        }

        if (sent.Payload is not null && !request.Body.AsSpan().SequenceEqual(sent.Payload))
        {
            yield return new Violation($"the body arrived altered ({request.Body.Length} bytes, the client framed {sent.Payload.Length})", where);
        }
    }

    /// <summary>The request line must be <c>METHOD SP /origin-form SP HTTP/1.1</c> with a printable-ASCII target, and
    /// must not encode a second time what the client had encoded (<c>%zz</c> → <c>%25zz</c>).</summary>
    private static string? TargetProblem(string startLine, FuzzRequest sent)
    {
        var parts = startLine.Split(' ');
        if (parts.Length != 3 || parts[2] != "HTTP/1.1")
        {
            return $"\"{WireParser.Escape(startLine, 200)}\"";
        }

        var target = parts[1];
        if (!target.StartsWith('/') || target.Any(c => c is <= ' ' or >= (char)0x7f))
        {
            return $"target \"{WireParser.Escape(target, 200)}\" is not printable-ASCII origin-form";
        }

        if (target.Contains("%25", StringComparison.Ordinal) && !sent.Target.Contains("%25", StringComparison.Ordinal))
        {
            return $"target \"{WireParser.Escape(target, 200)}\" re-encodes a '%' the client sent as \"{WireParser.Escape(sent.Target, 200)}\"";
        }

        return null;
    }

    /// <summary>Sent as is, or several client lines of the name joined into one, as HTTP allows.</summary>
    private static bool SentByClient(WireHeader header, FuzzRequest sent)
    {
        var values = sent.Headers.Where(h => h.Name.Equals(header.Name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        return values.Contains(header.Value, StringComparer.Ordinal)
            || string.Join(", ", values) == header.Value
            || string.Join(",", values) == header.Value
            || string.Join("; ", values) == header.Value;
    }

    /// <summary>Which case the raw bytes most likely came from, by the tag in them.</summary>
    private static string Origin(RunEvidence evidence, byte[] bytes)
    {
        var text = RunEvidence.Text(bytes);
        var at = text.IndexOf("X-Fuzz-Case: ", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return "";
        }

        var tag = text[(at + "X-Fuzz-Case: ".Length)..].Split('\r')[0];
        return evidence.RequestsByTag.TryGetValue(tag, out var origin) ? "\n      from " + evidence.Describe(origin.Outcome) : "";
    }
}
