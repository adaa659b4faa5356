using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Tests.Support;
using Gateway.TestCommon;
using static Gateway.Plugins.AiProxy.Tests.Support.PluginHarness;

namespace Gateway.Plugins.AiProxy.Tests.Statistics;

public sealed class SerializeAnalyticsTests
{
    [Fact]
    public async Task Log_StreamedClaudeTurn_WritesCorrectedKongStatistics()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial);
        context.StartedAtValue = DateTimeOffset.UtcNow.AddSeconds(-3);
        context.UpstreamSent = DateTimeOffset.UtcNow.AddSeconds(-2); // sent 2 s ago

        await RespondAsync(context, 200, "text/event-stream", Chunks(ClaudeStreams.Utf8(ClaudeStreams.ToolUseTurn), 17));
        var log = await LogAsync(context);

        var meta = log["ai.proxy.meta"]!;
        Assert.Equal("00000000-0000-0000-0000-000000000001", (string?)meta["plugin_id"]);
        Assert.Equal("anthropic", (string?)meta["provider_name"]);
        Assert.Equal("claude-sonnet-4-5-20250929", (string?)meta["request_model"]);
        Assert.Equal("claude-sonnet-4-5-20250929", (string?)meta["response_model"]);
        Assert.Equal("stream", (string?)meta["request_mode"]);
        Assert.Null(meta["response_incomplete"]);
        var latency = (long)meta["llm_latency"]!;
        Assert.InRange(latency, 2000, 60_000);

        var usage = log["ai.proxy.usage"]!;
        Assert.Equal(32060, (long)usage["prompt_tokens"]!);   // 12 + 2048 + 30000
        Assert.Equal(85, (long)usage["completion_tokens"]!);  // final cumulative, not 3 + 57 + 85
        Assert.Equal(32145, (long)usage["total_tokens"]!);
        Assert.Equal(0d, (double)usage["cost"]!);
        Assert.Equal(latency / 85d, (double)usage["time_per_token"]!, 1e-9);
        Assert.InRange((long)usage["time_to_first_token"]!, 2000, latency);
        Assert.Equal(30000, (long)usage["prompt_tokens_details"]!["cached_tokens"]!);
        Assert.Equal(2048, (long)usage["prompt_tokens_details"]!["cache_creation_tokens"]!);
        Assert.Empty(usage["completion_tokens_details"]!.AsObject());
        Assert.False(log.ContainsKey("ai.proxy.payload"));
    }

    [Fact]
    public async Task Log_StreamWithCachePrices_PricesCacheTokensAtTheirRates()
    {
        var config = WithOptions(ConfigBinder.Tutorial.ValidModel.Options with
        {
            InputCost = 3, OutputCost = 15, CacheReadCost = 0.3, CacheWriteCost = 3.75,
        });
        var context = await AccessAsync(config);

        await RespondAsync(context, 200, "text/event-stream", [ClaudeStreams.Utf8(ClaudeStreams.ToolUseTurn)]);
        var log = await LogAsync(context);

        // (12*3 + 30000*0.3 + 2048*3.75 + 85*15) / 1e6
        Assert.Equal(0.017991, (double)log["ai.proxy.usage"]!["cost"]!, 1e-12);
    }

    [Fact]
    public async Task Log_OneShot_ReadsUsageAndModelFromTheBody()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial, body: """{"model":"claude-sonnet-4-5-20250929","messages":[1]}""");

        await RespondAsync(context, 200, "application/json", Chunks(ClaudeStreams.Utf8(ClaudeStreams.OneShotMessage), 9));
        var log = await LogAsync(context);

        var usage = log["ai.proxy.usage"]!;
        Assert.Equal(25, (long)usage["prompt_tokens"]!);
        Assert.Equal(456, (long)usage["completion_tokens"]!);
        Assert.Equal("oneshot", (string?)log["ai.proxy.meta"]!["request_mode"]);
        Assert.InRange((long)usage["time_to_first_token"]!, 0, (long)log["ai.proxy.meta"]!["llm_latency"]!);
    }

    [Fact]
    public async Task Log_ErrorEventAfter200_IsRecordedWithUsageSoFar()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial);

        await RespondAsync(context, 200, "text/event-stream", [ClaudeStreams.Utf8(ClaudeStreams.OverloadedAfter200)]);
        var log = await LogAsync(context);

        var error = log["ai.proxy.meta"]!["response_error"]!;
        Assert.Equal("overloaded_error", (string?)error["type"]);
        Assert.Equal("Overloaded", (string?)error["message"]);
        Assert.Equal(41, (long)log["ai.proxy.usage"]!["total_tokens"]!);
        Assert.Equal(0, (long)log["ai.proxy.usage"]!["time_to_first_token"]!);
    }

    [Fact]
    public async Task Log_UpstreamNon2xx_RecordsTheErrorAndNoTokens()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial);

        await RespondAsync(context, 429, "application/json",
            [Encoding.UTF8.GetBytes("""{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}""")]);
        var log = await LogAsync(context);

        Assert.Equal("rate_limit_error", (string?)log["ai.proxy.meta"]!["response_error"]!["type"]);
        Assert.Equal(0, (long)log["ai.proxy.usage"]!["total_tokens"]!);
    }

    [Fact]
    public async Task Log_ClientDisconnectMidStream_KeepsWhatWasSeenAndSaysIncomplete()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial);
        var stream = ClaudeStreams.Utf8(ClaudeStreams.ToolUseTurn);
        var cut = stream.AsSpan().IndexOf("event: message_delta"u8);

        await RespondAsync(context, 200, "text/event-stream", [stream[..cut]], end: false);
        var log = await LogAsync(context);

        Assert.True((bool)log["ai.proxy.meta"]!["response_incomplete"]!);
        Assert.Equal(32060, (long)log["ai.proxy.usage"]!["prompt_tokens"]!);
        // message_start said 3 (provisional); the thinking, two text and one tool-input deltas seen are at least 4.
        Assert.Equal(4, (long)log["ai.proxy.usage"]!["completion_tokens"]!);
        Assert.Equal(
            "stream ended before its final usage: completion_tokens counts the 4 content deltas seen (the upstream had reported 3)",
            (string?)log["ai.proxy.meta"]!["usage_problem"]);
    }

    [Fact]
    public async Task Log_StreamCutAfterThirtyDeltas_CountsWhatWasSeenAndSaysSo()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial);
        var stream = new StringBuilder()
            .Append("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"claude-sonnet-4-5-20250929\",\"usage\":{\"input_tokens\":100,\"output_tokens\":1}}}\n\n")
            .Append("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
        for (var i = 0; i < 30; i++)
        {
            stream.Append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"word \"}}\n\n");
        }

        // Cut (at shutdown, by the upstream or the client): no message_delta, no message_stop, no end of body.
        await RespondAsync(context, 200, "text/event-stream", Chunks(ClaudeStreams.Utf8(stream.ToString()), 50), end: false);
        var log = await LogAsync(context);

        var meta = log["ai.proxy.meta"]!;
        Assert.True((bool)meta["response_incomplete"]!);
        Assert.Contains("counts the 30 content deltas seen (the upstream had reported 1)", (string?)meta["usage_problem"], StringComparison.Ordinal);
        Assert.Equal(30, (long)log["ai.proxy.usage"]!["completion_tokens"]!);
        Assert.Equal(130, (long)log["ai.proxy.usage"]!["total_tokens"]!);
    }

    [Fact]
    public async Task Log_StreamEndsCleanlyWithoutMessageStop_SaysIncomplete()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial);
        var stream = ClaudeStreams.Utf8(ClaudeStreams.ToolUseTurn);
        var stop = stream.AsSpan().IndexOf("event: message_stop"u8);

        // The body ends properly, but the message never did.
        await RespondAsync(context, 200, "text/event-stream", [stream[..stop]]);
        var log = await LogAsync(context);

        Assert.True((bool)log["ai.proxy.meta"]!["response_incomplete"]!);
        Assert.Equal(85, (long)log["ai.proxy.usage"]!["completion_tokens"]!); // message_delta's final count stands
        Assert.Null(log["ai.proxy.meta"]!["usage_problem"]);
    }

    [Theory]
    [InlineData("/v1/messages/count_tokens", "POST", """{"model":"claude-3-5-haiku-20241022","messages":[1]}""", """{"input_tokens":1234}""", "count_tokens", "claude-3-5-haiku-20241022")]
    [InlineData("/v1/models", "GET", null, """{"data":[{"id":"claude-sonnet-4-5-20250929","type":"model"}],"has_more":false}""", "models", "claude-sonnet-4-5-20250929")]
    [InlineData("/v1/messages/batches", "POST", """{"requests":[]}""", """{"id":"msgbatch_01"}""", "passthrough", "claude-sonnet-4-5-20250929")]
    public async Task Log_NonGeneratingCalls_AreLoggedByModeWithZeroTokens(string path, string method, string? body,
        string response, string mode, string model)
    {
        var context = await AccessAsync(ConfigBinder.Tutorial, path, body, method);

        await RespondAsync(context, 200, "application/json", [Encoding.UTF8.GetBytes(response)]);
        var log = await LogAsync(context);

        Assert.Equal(mode, (string?)log["ai.proxy.meta"]!["request_mode"]);
        Assert.Equal(model, (string?)log["ai.proxy.meta"]!["request_model"]);
        Assert.Equal(0, (long)log["ai.proxy.usage"]!["prompt_tokens"]!);
        Assert.Equal(0, (long)log["ai.proxy.usage"]!["completion_tokens"]!);
    }

    [Fact]
    public async Task Log_OwnRejection_IsLoggedWithZeroUsage()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial,
            body: """{"model":"claude-3-5-haiku-20241022","messages":[1],"stream":true}""");
        await PlayExitAsync(context);

        var log = await LogAsync(context);

        Assert.Equal(0, (long)log["ai.proxy.meta"]!["llm_latency"]!);
        Assert.Equal("claude-sonnet-4-5-20250929", (string?)log["ai.proxy.meta"]!["request_model"]);
        Assert.Equal(0, (long)log["ai.proxy.usage"]!["total_tokens"]!);
    }

    [Fact]
    public async Task Log_EarlierPluginEndedTheRequest_StillWritesStatistics()
    {
        var context = NewRequest(ConfigBinder.Tutorial); // ai-proxy's access never ran

        var log = await LogAsync(context);

        Assert.Equal("oneshot", (string?)log["ai.proxy.meta"]!["request_mode"]);
        Assert.Equal(0, (long)log["ai.proxy.usage"]!["total_tokens"]!);
    }

    [Fact]
    public async Task Log_StatisticsOff_WritesNothing()
    {
        var context = await AccessAsync(With(c => c with { Logging = new() }));

        await RespondAsync(context, 200, "text/event-stream", [ClaudeStreams.Utf8(ClaudeStreams.ToolUseTurn)]);
        var log = await LogAsync(context);

        Assert.Empty(log);
    }

    private static async Task PlayExitAsync(FakePluginContext context)
    {
        context.HttpContext.Response.StatusCode = context.ExitResponse!.Value.Status;
        await Plugin.HeaderFilterAsync(context);
        var chunk = new BodyChunk();
        chunk.Reset(Encoding.UTF8.GetBytes(context.ExitResponse.Value.Body!), isEndOfStream: true);
        Plugin.BodyFilter(context, chunk);
    }
}
