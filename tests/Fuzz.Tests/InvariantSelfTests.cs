using System.Text;
using Gateway.Fuzz.Tests.Fuzzing;
using Gateway.Fuzz.Tests.Harness;
using Gateway.Fuzz.Tests.Invariants;
using Gateway.Fuzz.Tests.Wire;

namespace Gateway.Fuzz.Tests;

/// <summary>
/// The net itself: each invariant check is fed the evidence of a defect from the list (built by hand, no
/// gateway involved) and must report it, and must stay quiet on the clean version. A check that cannot fail would
/// let the run pass on a broken gateway.
/// </summary>
public sealed class InvariantSelfTests
{
    private const string Tag = "1.0";

    private static readonly FuzzSettings Settings = new(1, 1, TimeSpan.FromSeconds(1), 1);

    [Fact]
    public void UpstreamView_CleanForwardedRequest_HasNoViolation()
    {
        var evidence = Evidence(upstream: Forwarded());

        Assert.Empty(UpstreamViewInvariant.Check(evidence));
    }

    [Theory]
    [InlineData("X-Content-Length: 5\r\n", "did not send")]
    [InlineData("X-Forwarded-Path: /plain/a\rb\r\n", "carries CR, LF or NUL")]
    [InlineData("X-Forwarded-Path: /plain/\n\r\n", "not valid HTTP/1.1")]
    [InlineData("Content-Length: 5\r\n", "both Content-Length and Transfer-Encoding")]
    public void UpstreamView_ExtraOrBrokenHeader_IsReported(string extra, string expected)
    {
        var evidence = Evidence(upstream: Forwarded(extraHeader: extra));

        Assert.Contains(UpstreamViewInvariant.Check(evidence), v => v.What.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void UpstreamView_SecondRequestSplitOffAForwardedHeader_IsReported()
    {
        var evidence = Evidence(upstream: Forwarded() + "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.Contains(UpstreamViewInvariant.Check(evidence), v => v.What.Contains("no client sent", StringComparison.Ordinal));
    }

    [Fact]
    public void UpstreamView_PercentReEncoded_IsReported()
    {
        var evidence = Evidence(upstream: Forwarded(target: "/%25zz"), clientTarget: "/plain/%zz");

        Assert.Contains(UpstreamViewInvariant.Check(evidence), v => v.What.Contains("re-encodes", StringComparison.Ordinal));
    }

    [Fact]
    public void LogLines_OneWholeLinePerAnsweredRequest_HasNoViolation()
    {
        var evidence = Evidence(log: Line("id-1") + "\n", responseId: "id-1");

        Assert.Empty(LogLineInvariant.Check(evidence));
    }

    [Theory]
    [InlineData("""{"request":{"id":"id-1","headers":{"x-fuzz-case":"1.0"}},"response":{"status":200}}""", "partial line")]
    [InlineData("{\"request\":{\"id\":\"id-1\"\n", "not one JSON object")]
    [InlineData("", "has no line")]
    public void LogLines_TornOrMissingLine_IsReported(string log, string expected)
    {
        var evidence = Evidence(log: log, responseId: "id-1");

        Assert.Contains(LogLineInvariant.Check(evidence), v => v.What.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void LogLines_RequestLoggedTwice_IsReported()
    {
        var evidence = Evidence(log: Line("id-1") + "\n" + Line("id-1") + "\n", responseId: "id-1");

        Assert.Contains(LogLineInvariant.Check(evidence), v => v.What.Contains("2 log lines", StringComparison.Ordinal));
    }

    [Fact]
    public void ClientFaults_502ForARequestTheUpstreamNeverSaw_IsReportedAnd501IsNot()
    {
        var blamed = Evidence(response: "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 2\r\n\r\n{}");
        var unsupported = Evidence(response: "HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\n\r\n");

        Assert.Contains(ClientFaultInvariant.Check(blamed), v => v.What.Contains("502", StringComparison.Ordinal));
        Assert.Empty(ClientFaultInvariant.Check(unsupported));
    }

    [Fact]
    public void ClientFaults_StackTraceInABody_IsReported()
    {
        var evidence = Evidence(response: "HTTP/1.1 400 Bad Request\r\nContent-Length: 40\r\n\r\nboom\n   at Gateway.Host.Thing.Run()     ");

        Assert.Contains(ClientFaultInvariant.Check(evidence), v => v.What.Contains("internals", StringComparison.Ordinal));
    }

    [Fact]
    public void Secrets_ProviderKeyInTheLogFile_IsReportedAndRedactedIsNot()
    {
        var leaked = Evidence(log: Line("id-1").Replace("REDACTED", Secrets.ProviderKey, StringComparison.Ordinal) + "\n");
        var redacted = Evidence(log: Line("id-1") + "\n");

        Assert.Contains(SecretInvariant.Check(leaked), v => v.What.Contains(Secrets.ProviderKey, StringComparison.Ordinal));
        Assert.Empty(SecretInvariant.Check(redacted));
    }

    private static string Line(string id) =>
        $$$"""{"request":{"id":"{{{id}}}","headers":{"x-fuzz-case":"{{{Tag}}}","x-api-key":"REDACTED"}},"response":{"status":200}}""";

    private static string Forwarded(string target = "/a", string extraHeader = "") =>
        $"POST {target} HTTP/1.1\r\nHost: 127.0.0.1:1\r\nX-Fuzz-Case: {Tag}\r\n{extraHeader}X-Forwarded-For: 127.0.0.1\r\nX-Forwarded-Path: /plain{target}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";

    /// <summary>One client request (<c>POST /plain/a</c>, body <c>hello</c>) with what each side saw.</summary>
    private static RunEvidence Evidence(string upstream = "", string log = "", string? responseId = null, string? response = null, string clientTarget = "/plain/a")
    {
        var draft = new RequestDraft(Tag, FuzzRoute.Plain, "POST", clientTarget);
        draft.WithLengthBody("hello"u8.ToArray());
        var request = draft.Build();
        response ??= responseId is null ? "" : $"HTTP/1.1 200 OK\r\nX-Kong-Request-Id: {responseId}\r\nContent-Length: 0\r\n\r\n";
        var responses = WireParser.ParseAll(Encoding.Latin1.GetBytes(response), isResponse: true, atEof: true, out _);
        var fuzzCase = new FuzzCase(1, [request], [new Segment(request.Bytes, 0)], Abort: false);
        var run = new FuzzRun(Settings, [new CaseOutcome(fuzzCase, new RawExchange(responses, Encoding.Latin1.GetBytes(response), ExchangeEnd.AllAnswered))], [], 1, TimeSpan.Zero, false);
        return new RunEvidence(run, [Upstream(upstream)], log, []);
    }

    /// <summary>Feeds raw upstream bytes through the same strict parsing the recording upstream does.</summary>
    private static UpstreamConnection Upstream(string raw)
    {
        var connection = new UpstreamConnection();
        var bytes = Encoding.Latin1.GetBytes(raw);
        var at = 0;
        while (at < bytes.Length)
        {
            var status = WireParser.TryParse(bytes.AsSpan(at), isResponse: false, bodyless: false, atEof: false, out var message, out var error);
            if (status != ParseStatus.Complete)
            {
                if (status == ParseStatus.Invalid)
                {
                    connection.Fail(error!, bytes[at..]);
                }

                break;
            }

            connection.Add(message!);
            at += message!.RawLength;
        }

        return connection;
    }
}
