using System.Text;
using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Tests.Support;
using static Gateway.Plugins.AiProxy.Tests.Support.PluginHarness;

namespace Gateway.Plugins.AiProxy.Tests.Response;

public sealed class ResponseFilterTests
{
    [Fact]
    public async Task BodyFilter_UpstreamStream_PassesEveryChunkUntouched()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial);
        var chunks = Chunks(ClaudeStreams.Utf8(ClaudeStreams.ToolUseTurn), 17).ToList();

        var seen = await RespondAsync(context, 200, "text/event-stream; charset=utf-8", chunks);

        Assert.Equal(chunks, seen);
    }

    [Fact]
    public async Task HeaderFilter_Successful200_AddsKongModelHeader()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial);

        await RespondAsync(context, 200, "text/event-stream", []);

        Assert.Equal("anthropic/claude-sonnet-4-5-20250929", context.HttpContext.Response.Headers["X-Kong-LLM-Model"]);
    }

    [Fact]
    public async Task HeaderFilter_ModelNameHeaderOff_AddsNothing()
    {
        var context = await AccessAsync(With(c => c with { ModelNameHeader = false }));

        await RespondAsync(context, 200, "text/event-stream", []);

        Assert.False(context.HttpContext.Response.Headers.ContainsKey("X-Kong-LLM-Model"));
    }

    [Theory]
    [InlineData(401, "authentication_error")]
    [InlineData(429, "rate_limit_error")]
    [InlineData(529, "overloaded_error")]
    public async Task Filters_UpstreamNon2xx_PassThroughUnchangedWithoutModelHeader(int status, string type)
    {
        var context = await AccessAsync(ConfigBinder.Tutorial);
        var body = Encoding.UTF8.GetBytes($$$"""{"type":"error","error":{"type":"{{{type}}}","message":"upstream said no"}}""");

        var seen = await RespondAsync(context, status, "application/json", [body]);

        Assert.Equal(body, Assert.Single(seen));
        Assert.Equal(status, context.HttpContext.Response.StatusCode);
        Assert.False(context.HttpContext.Response.Headers.ContainsKey("X-Kong-LLM-Model"));
    }

    [Fact]
    public async Task HeaderFilter_CountTokens200_AddsNoModelHeader()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial, "/v1/messages/count_tokens",
            """{"model":"claude-sonnet-4-5-20250929","messages":[1]}""");

        await RespondAsync(context, 200, "application/json", [Encoding.UTF8.GetBytes("""{"input_tokens":10}""")]);

        Assert.False(context.HttpContext.Response.Headers.ContainsKey("X-Kong-LLM-Model"));
    }

    [Theory]
    [InlineData(502, "An invalid response was received from the upstream server")]
    [InlineData(504, "The upstream server is timing out")]
    public async Task Filters_GatewayError_BecomesAnthropicApiError(int status, string message)
    {
        var fake = await AccessAsync(ConfigBinder.Tutorial);
        fake.SourceOverride = ResponseSource.Error;
        var context = fake;
        var response = context.HttpContext.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.ContentLength = 60;
        await Plugin.HeaderFilterAsync(context);
        var chunk = new BodyChunk();
        chunk.Reset(Encoding.UTF8.GetBytes($$"""{"message":"{{message}}"}"""), isEndOfStream: true);

        Plugin.BodyFilter(context, chunk);

        Assert.Null(response.Headers.ContentLength);
        Assert.Equal("application/json", response.ContentType);
        var json = JsonNode.Parse(chunk.Data.Span)!;
        Assert.Equal("error", (string?)json["type"]);
        Assert.Equal("api_error", (string?)json["error"]!["type"]);
        Assert.Equal(message, (string?)json["error"]!["message"]);
    }

    [Fact]
    public async Task BodyFilter_GatewayErrorInPieces_IsHeldBackAndRewrittenAtTheEnd()
    {
        var fake = await AccessAsync(ConfigBinder.Tutorial);
        fake.SourceOverride = ResponseSource.Error;
        var context = fake;
        context.HttpContext.Response.StatusCode = 502;
        await Plugin.HeaderFilterAsync(context);
        var chunk = new BodyChunk();

        chunk.Reset(Encoding.UTF8.GetBytes("""{"message":"upstream """), isEndOfStream: false);
        Plugin.BodyFilter(context, chunk);
        Assert.True(chunk.IsModified && chunk.Data.IsEmpty);
        chunk.Reset(Encoding.UTF8.GetBytes("""unreachable"}"""), isEndOfStream: true);
        Plugin.BodyFilter(context, chunk);

        Assert.Equal("upstream unreachable", (string?)JsonNode.Parse(chunk.Data.Span)!["error"]!["message"]);
    }

    [Fact]
    public async Task BodyFilter_OwnExit_IsLeftAsWritten()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial, body: "not json");
        context.HttpContext.Response.StatusCode = 400;
        await Plugin.HeaderFilterAsync(context);
        var body = Encoding.UTF8.GetBytes(context.ExitResponse!.Value.Body!);
        var chunk = new BodyChunk();
        chunk.Reset(body, isEndOfStream: true);

        Plugin.BodyFilter(context, chunk);

        Assert.False(chunk.IsModified);
    }

    [Fact]
    public async Task BodyFilter_GzipOneShot_PassesCompressedBytesAndReadsUsage()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial, body: """{"model":"claude-sonnet-4-5-20250929","messages":[1]}""");
        var compressed = ClaudeStreams.Gzip(ClaudeStreams.OneShotMessage);
        var chunks = Chunks(compressed, 50).ToList();

        var seen = await RespondAsync(context, 200, "application/json", chunks, contentEncoding: "gzip");
        var log = await LogAsync(context);

        Assert.Equal(chunks, seen);
        Assert.Equal("gzip", context.HttpContext.Response.Headers.ContentEncoding);
        Assert.Equal(456, (long)log["ai.proxy.usage"]!["completion_tokens"]!);
        Assert.Equal("oneshot", (string?)log["ai.proxy.meta"]!["request_mode"]);
    }

    [Fact]
    public async Task Log_BrotliResponse_SaysWhyUsageIsMissing()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial, body: """{"model":"claude-sonnet-4-5-20250929","messages":[1]}""");

        await RespondAsync(context, 200, "application/json", [[1, 2, 3]], contentEncoding: "br");
        var log = await LogAsync(context);

        Assert.Equal("content-encoding 'br' cannot be read: no usage recorded", (string?)log["ai.proxy.meta"]!["usage_problem"]);
        Assert.Equal(0, (long)log["ai.proxy.usage"]!["total_tokens"]!);
    }
}
