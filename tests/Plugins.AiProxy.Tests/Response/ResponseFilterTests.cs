using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Response;
using Gateway.Plugins.AiProxy.Tests.Support;
using static Gateway.Plugins.AiProxy.Tests.Support.AiProxyGateway;

namespace Gateway.Plugins.AiProxy.Tests.Response;

public sealed class ResponseFilterTests
{
    [Fact]
    public async Task BodyFilter_UpstreamStream_PassesEveryChunkUntouched()
    {
        var stream = ClaudeStreams.Utf8(ClaudeStreams.ToolUseTurn);
        await using var gateway = await StartAsync(upstream: Respond(200, "text/event-stream; charset=utf-8", Chunks(stream, 17)));

        var (response, body) = await gateway.SendAsync(ClaudeCodeRequest());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(stream, body);
    }

    [Fact]
    public async Task HeaderFilter_Successful200_AddsKongModelHeader()
    {
        await using var gateway = await StartAsync(upstream: Respond(200, "text/event-stream", []));

        var (response, _) = await gateway.SendAsync(ClaudeCodeRequest());

        Assert.Equal("anthropic/claude-sonnet-4-5-20250929", response.Headers.GetValues("X-Kong-LLM-Model").Single());
    }

    [Fact]
    public async Task HeaderFilter_ModelNameHeaderOff_AddsNothing()
    {
        await using var gateway = await StartAsync(Tutorial(c => c["model_name_header"] = false), Respond(200, "text/event-stream", []));

        var (response, _) = await gateway.SendAsync(ClaudeCodeRequest());

        Assert.False(response.Headers.Contains("X-Kong-LLM-Model"));
    }

    [Theory]
    [InlineData(401, "authentication_error")]
    [InlineData(429, "rate_limit_error")]
    [InlineData(529, "overloaded_error")]
    public async Task Filters_UpstreamNon2xx_PassThroughUnchangedWithoutModelHeader(int status, string type)
    {
        var error = Encoding.UTF8.GetBytes($$$"""{"type":"error","error":{"type":"{{{type}}}","message":"upstream said no"}}""");
        await using var gateway = await StartAsync(upstream: Respond(status, "application/json", [error]));

        var (response, body) = await gateway.SendAsync(ClaudeCodeRequest());

        Assert.Equal(error, body);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.False(response.Headers.Contains("X-Kong-LLM-Model"));
    }

    [Fact]
    public async Task HeaderFilter_CountTokens200_AddsNoModelHeader()
    {
        await using var gateway = await StartAsync(upstream: Respond(200, "application/json", [Encoding.UTF8.GetBytes("""{"input_tokens":10}""")]));

        var (response, _) = await gateway.SendAsync(ClaudeCodeRequest("/v1/messages/count_tokens", OneShotBody));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Kong-LLM-Model"));
    }

    [Fact]
    public async Task Filters_UpstreamUnreachable502_BecomesAnthropicApiError()
    {
        // Port 1 on loopback: nothing listens, the connection is refused, the host answers 502 itself.
        await using var gateway = await StartAsync(configure: o => o.UseUpstream(new Uri("http://127.0.0.1:1")));

        var (response, body) = await gateway.SendAsync(ClaudeCodeRequest());

        // The host's own 502 message, carried over into Anthropic's error shape.
        AssertAnthropicApiError(response, body, 502, "The upstream server could not be reached (127.0.0.1:1: ConnectionRefused)");
    }

    [Fact]
    public async Task Filters_UpstreamTimeout504_BecomesAnthropicApiError()
    {
        await using var gateway = await StartAsync(service: "read_timeout: 300", upstream: RespondAndHang("text/event-stream", []));

        var (response, body) = await gateway.SendAsync(ClaudeCodeRequest());

        AssertAnthropicApiError(response, body, 504, "The upstream server is timing out");
    }

    [Fact]
    public void Rewrite_GatewayErrorInPieces_IsHeldBackAndRewrittenAtTheEnd()
    {
        // The host writes its own errors in one piece, so only a unit test can hand the rewrite a split body.
        using var rewrite = new RewriteGatewayError();
        var chunk = new BodyChunk();

        chunk.Reset(Encoding.UTF8.GetBytes("""{"message":"upstream """), isEndOfStream: false);
        Assert.Null(rewrite.Run(chunk, 502));
        Assert.True(chunk.IsModified && chunk.Data.IsEmpty);
        chunk.Reset(Encoding.UTF8.GetBytes("""unreachable"}"""), isEndOfStream: true);
        rewrite.Run(chunk, 502);

        Assert.Equal("upstream unreachable", (string?)JsonNode.Parse(chunk.Data.Span)!["error"]!["message"]);
    }

    [Fact]
    public async Task BodyFilter_OwnExit_IsLeftAsWritten()
    {
        await using var gateway = await StartAsync();

        var (response, body) = await gateway.SendAsync(ClaudeCodeRequest(body: "not json"));

        // Exactly the body ai-proxy's access phase exited with: one error, not rewritten as a gateway error.
        gateway.AssertExit(response, body, 400, "invalid_request_error", "request body doesn't contain valid prompts");
    }

    [Fact]
    public async Task BodyFilter_GzipOneShot_PassesCompressedBytesAndReadsUsage()
    {
        var compressed = ClaudeStreams.Gzip(ClaudeStreams.OneShotMessage);
        await using var gateway = await StartAsync(upstream: Respond(200, "application/json", Chunks(compressed, 50), contentEncoding: "gzip"));

        var (response, body) = await gateway.SendAsync(ClaudeCodeRequest(body: OneShotBody));
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;

        Assert.Equal(compressed, body);
        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        Assert.Equal(456, (long)log["usage"]!["completion_tokens"]!);
        Assert.Equal("oneshot", (string?)log["meta"]!["request_mode"]);
    }

    [Fact]
    public async Task Log_BrotliResponse_SaysWhyUsageIsMissing()
    {
        await using var gateway = await StartAsync(upstream: Respond(200, "application/json", [[1, 2, 3]], contentEncoding: "br"));

        await gateway.SendAsync(ClaudeCodeRequest(body: OneShotBody));
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;

        Assert.Equal("content-encoding 'br' cannot be read: no usage recorded", (string?)log["meta"]!["usage_problem"]);
        Assert.Equal(0, (long)log["usage"]!["total_tokens"]!);
    }

    private static void AssertAnthropicApiError(HttpResponseMessage response, byte[] body, int status, string message)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("error", (string?)json["type"]);
        Assert.Equal("api_error", (string?)json["error"]!["type"]);
        Assert.Equal(message, (string?)json["error"]!["message"]);
    }
}
