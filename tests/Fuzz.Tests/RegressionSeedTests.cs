using Gateway.Fuzz.Tests.Harness;
using Gateway.Fuzz.Tests.Wire;

namespace Gateway.Fuzz.Tests;

/// <summary>
/// The known attacks on the gateway as fixed inputs, each with the answer a hardened gateway (nginx's choices
/// where HTTP leaves room) gives. They stay here after the fixes as the regression net the random run may miss.
/// </summary>
public sealed class RegressionSeedTests(RegressionGateway fixture) : IClassFixture<RegressionGateway>
{
    [Theory]
    [InlineData("a%0d%0aX-Injected:%20yes")]
    [InlineData("x%0d%0a%0d%0aGET%20/smuggled%20HTTP/1.1%0d%0aHost:%20x%0d%0a%0d%0a")]
    [InlineData("%0a")]
    [InlineData("%0d")]
    [InlineData("a%00b")]
    public async Task PercentEncodedCrLfOrNulInPath_UpstreamParsesOneCleanRequestOrClientGets400(string piece)
    {
        var tag = fixture.NextTag();
        var (client, upstream, errors) = await fixture.SendAsync($"GET /plain/{piece} HTTP/1.1\r\nHost: gateway.test\r\nX-Fuzz-Case: {tag}\r\nConnection: close\r\n\r\n");

        Assert.Empty(errors);
        var status = Assert.Single(client.Responses).Status;
        if (status == 400)
        {
            Assert.Empty(upstream);
            return;
        }

        var request = Assert.Single(upstream);
        Assert.Equal(tag, request.Value("X-Fuzz-Case"));
        Assert.DoesNotContain(request.Headers, h => h.Value.AsSpan().IndexOfAny("\r\n\0") >= 0);
        Assert.DoesNotContain(request.Headers, h => h.Name.Equals("X-Injected", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(200, status);
    }

    [Theory]
    [InlineData("gzip, chunked")]
    [InlineData("deflate, chunked")]
    public async Task TransferCodingOtherThanChunked_Is501AndNeverForwarded(string transferEncoding)
    {
        var (client, upstream, _) = await fixture.SendAsync(
            $"POST /plain/te HTTP/1.1\r\nHost: gateway.test\r\nX-Fuzz-Case: {fixture.NextTag()}\r\nTransfer-Encoding: {transferEncoding}\r\n\r\n5\r\nhello\r\n0\r\n\r\n");

        Assert.Equal(501, Assert.Single(client.Responses).Status);
        Assert.Empty(upstream);
    }

    [Theory]
    [InlineData("%zz")]
    [InlineData("a%g0b")]
    [InlineData("a%2")]
    public async Task InvalidPercentEscapeInPath_Is400AndNeverForwarded(string piece)
    {
        var (client, upstream, _) = await fixture.SendAsync(
            $"GET /plain/{piece} HTTP/1.1\r\nHost: gateway.test\r\nX-Fuzz-Case: {fixture.NextTag()}\r\nConnection: close\r\n\r\n");

        Assert.Equal(400, Assert.Single(client.Responses).Status);
        Assert.Empty(upstream);
    }

    [Theory]
    [InlineData("caf%C3%A9", "/caf%C3%A9")]
    [InlineData("%E2%9C%93/x", "/%E2%9C%93/x")]
    public async Task NonAsciiPercentEncodedPath_IsProxiedWithItsEncodingKept(string piece, string upstreamTarget)
    {
        var (client, upstream, _) = await fixture.SendAsync(
            $"GET /plain/{piece} HTTP/1.1\r\nHost: gateway.test\r\nX-Fuzz-Case: {fixture.NextTag()}\r\nConnection: close\r\n\r\n");

        var response = Assert.Single(client.Responses);
        Assert.Equal(200, response.Status);
        Assert.Equal(RecordingUpstream.AnswerBody, response.BodyText);
        var request = Assert.Single(upstream);
        Assert.Equal($"GET {upstreamTarget} HTTP/1.1", request.StartLine);
        Assert.Equal($"/plain/{piece}", request.Value("X-Forwarded-Path"));
    }

    [Theory]
    [InlineData("a?x=%zz", "/a?x=%zz")]
    [InlineData("a?q=%0d%0a", "/a?q=%0d%0a")]
    public async Task OddEscapesInQuery_AreForwardedExactlyAsSent(string piece, string upstreamTarget)
    {
        // nginx (and so Kong) passes the query string on untouched; re-encoding it changes what the upstream decodes.
        var (client, upstream, _) = await fixture.SendAsync(
            $"GET /plain/{piece} HTTP/1.1\r\nHost: gateway.test\r\nX-Fuzz-Case: {fixture.NextTag()}\r\nConnection: close\r\n\r\n");

        Assert.Equal(200, Assert.Single(client.Responses).Status);
        Assert.Equal($"GET {upstreamTarget} HTTP/1.1", Assert.Single(upstream).StartLine);
    }

    [Fact]
    public async Task NonAsciiPercentEncodedPathOnTheAiRoute_ReachesTheProvider()
    {
        var body = $$"""{"model":"{{Fuzzing.FuzzCaseGenerator.AiModel}}","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";
        var (client, _, _) = await fixture.SendAsync(
            $"POST /ai/caf%C3%A9 HTTP/1.1\r\nHost: gateway.test\r\nX-Fuzz-Case: {fixture.NextTag()}\r\nContent-Type: application/json\r\nanthropic-version: 2023-06-01\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}");

        var response = Assert.Single(client.Responses);
        Assert.Equal(200, response.Status);
        Assert.Contains("\"type\":\"message\"", response.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/plain/chunks", "zz\r\nhello\r\n0\r\n\r\n")]
    [InlineData("/plain/chunks", "5\r\nhelloXX0\r\n\r\n")]
    [InlineData("/plain/chunks", "-1\r\nx\r\n0\r\n\r\n")]
    [InlineData("/plain/chunks", "fffffffffffffffffff\r\nx\r\n")]
    [InlineData("/plain/chunks", "5\nhello\n0\n\n")]
    [InlineData("/plain/chunks", "3;ext=\"a\r\nb\"\r\nabc\r\n0\r\n\r\n")]
    [InlineData("/ai/v1/messages", "fffffffffffffffffff\r\nx\r\n")]
    [InlineData("/ai/v1/messages", "zz\r\nhello\r\n0\r\n\r\n")]
    public async Task MalformedChunkedBody_Is400AndLoggedAsAClientFault(string target, string chunks)
    {
        var tag = fixture.NextTag();
        var (client, _, _) = await fixture.SendAsync(
            $"POST {target} HTTP/1.1\r\nHost: gateway.test\r\nX-Fuzz-Case: {tag}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{{\r\n{chunks}");

        Assert.Equal(400, Assert.Single(client.Responses).Status);
        var line = await fixture.LogLineAsync(tag);
        Assert.NotNull(line);
        Assert.Equal(400, line.Value.GetProperty("response").GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("/plain/stall", "Content-Length: 100\r\n\r\nonly-ten..")]
    [InlineData("/plain/stall", "Transfer-Encoding: chunked\r\n\r\n4\r\nbody\r\n")]
    [InlineData("/ai/v1/messages", "Content-Length: 100\r\n\r\n{\"model\":")]
    [InlineData("/ai/v1/messages", "Transfer-Encoding: chunked\r\n\r\n9\r\n{\"model\":\r\n")]
    public async Task StalledBodyThenClientLeaves_IsLoggedAsAClientFaultNotAnUpstreamOne(string target, string framingAndPart)
    {
        var tag = fixture.NextTag();
        await fixture.SendAsync($"POST {target} HTTP/1.1\r\nHost: gateway.test\r\nX-Fuzz-Case: {tag}\r\n{framingAndPart}", pauseBeforeAbortMs: 500);

        var line = await fixture.LogLineAsync(tag);
        Assert.NotNull(line);
        Assert.Contains(line.Value.GetProperty("response").GetProperty("status").GetInt32(), new[] { 400, 408, 499 });
    }

    [Theory]
    [InlineData("Content-Length: 9\r\nTransfer-Encoding: chunked")]
    [InlineData("Transfer-Encoding: chunked\r\nContent-Length: 9")]
    public async Task ContentLengthAndTransferEncoding_NeverReachTheUpstreamTogetherOrRenamed(string framing)
    {
        var tag = fixture.NextTag();
        var (client, upstream, errors) = await fixture.SendAsync(
            $"POST /plain/clte HTTP/1.1\r\nHost: gateway.test\r\nX-Fuzz-Case: {tag}\r\n{framing}\r\n\r\n5\r\nhello\r\n0\r\n\r\n");

        Assert.Empty(errors);
        if (Assert.Single(client.Responses).Status == 400)
        {
            Assert.Empty(upstream);
            return;
        }

        var request = Assert.Single(upstream);
        Assert.DoesNotContain(request.Headers, h => h.Name.Equals("X-Content-Length", StringComparison.OrdinalIgnoreCase));
        Assert.False(request.Value("Content-Length") is not null && request.Value("Transfer-Encoding") is not null, "both framing headers upstream");
        Assert.Equal("hello", request.BodyText);
    }

    [Fact]
    public async Task CredentialsInHeadersAndTrailers_NeverAppearInTheLogLine()
    {
        var tag = fixture.NextTag();
        var headers = string.Concat(Fuzzing.Secrets.ClientHeaders.Select(h => $"{h.Name.ToUpperInvariant()}: {h.Value}\r\n{h.Name}: {h.Value}\r\n"));
        var (client, _, _) = await fixture.SendAsync(
            $"POST /plain/secrets HTTP/1.1\r\nHost: gateway.test\r\nX-Fuzz-Case: {tag}\r\n{headers}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\nAuthorization: Bearer {Fuzzing.Secrets.Bearer}\r\n\r\n");

        Assert.Equal(200, Assert.Single(client.Responses).Status);
        var line = await fixture.LogLineAsync(tag);
        Assert.NotNull(line);
        var text = line.Value.GetRawText();
        Assert.All(Fuzzing.Secrets.All, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
    }
}
