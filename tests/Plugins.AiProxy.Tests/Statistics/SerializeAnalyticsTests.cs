using System.Text;
using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Tests.Support;
using static Gateway.Plugins.AiProxy.Tests.Support.AiProxyGateway;

namespace Gateway.Plugins.AiProxy.Tests.Statistics;

public sealed class SerializeAnalyticsTests
{
    private const long ThinkingFloorMs = 295;

    [Fact]
    public async Task Log_StreamedClaudeTurn_WritesCorrectedKongStatistics()
    {
        var stream = ClaudeStreams.Utf8(ClaudeStreams.ToolUseTurn);
        var respond = Respond(200, "text/event-stream", Chunks(stream, 17));
        // The upstream thinks for 300 ms before its first byte: the latencies must count it.
        await using var gateway = await StartAsync(upstream: async http =>
        {
            await Task.Delay(300);
            await respond(http);
        });

        await gateway.SendAsync(ClaudeCodeRequest());
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;

        var meta = log["meta"]!;
        Assert.Equal(InstanceId, (string?)meta["plugin_id"]);
        Assert.Equal("anthropic", (string?)meta["provider_name"]);
        Assert.Equal("claude-sonnet-4-5-20250929", (string?)meta["request_model"]);
        Assert.Equal("claude-sonnet-4-5-20250929", (string?)meta["response_model"]);
        Assert.Equal("stream", (string?)meta["request_mode"]);
        Assert.Null(meta["response_incomplete"]);
        var latency = (long)meta["llm_latency"]!;
        // At least the upstream's 300 ms, less the timer's slack: Task.Delay may fire a fraction of a millisecond early
        // against the Stopwatch, and the log floors to whole milliseconds (299 was seen on a CI run).
        Assert.InRange(latency, ThinkingFloorMs, 60_000);

        var usage = log["usage"]!;
        Assert.Equal(32060, (long)usage["prompt_tokens"]!);   // 12 + 2048 + 30000
        Assert.Equal(85, (long)usage["completion_tokens"]!);  // final cumulative, not 3 + 57 + 85
        Assert.Equal(32145, (long)usage["total_tokens"]!);
        Assert.Equal(0d, (double)usage["cost"]!);
        Assert.Equal(latency / 85d, (double)usage["time_per_token"]!, 1e-9);
        Assert.InRange((long)usage["time_to_first_token"]!, ThinkingFloorMs, latency);
        Assert.Equal(30000, (long)usage["prompt_tokens_details"]!["cached_tokens"]!);
        Assert.Equal(2048, (long)usage["prompt_tokens_details"]!["cache_creation_tokens"]!);
        Assert.Empty(usage["completion_tokens_details"]!.AsObject());
        Assert.Null(log["payload"]);
    }

    [Fact]
    public async Task Log_StreamWithCachePrices_PricesCacheTokensAtTheirRates()
    {
        var config = Tutorial(c =>
        {
            c.Options()["input_cost"] = 3;
            c.Options()["output_cost"] = 15;
            c.Options()["cache_read_cost"] = 0.3;
            c.Options()["cache_write_cost"] = 3.75;
        });
        await using var gateway = await StartAsync(config, Respond(200, "text/event-stream", [ClaudeStreams.Utf8(ClaudeStreams.ToolUseTurn)]));

        await gateway.SendAsync(ClaudeCodeRequest());
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;

        // (12*3 + 30000*0.3 + 2048*3.75 + 85*15) / 1e6
        Assert.Equal(0.017991, (double)log["usage"]!["cost"]!, 1e-12);
    }

    [Fact]
    public async Task Log_OneShot_ReadsUsageAndModelFromTheBody()
    {
        await using var gateway = await StartAsync(upstream: Respond(200, "application/json", Chunks(ClaudeStreams.Utf8(ClaudeStreams.OneShotMessage), 9)));

        await gateway.SendAsync(ClaudeCodeRequest(body: OneShotBody));
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;

        var usage = log["usage"]!;
        Assert.Equal(25, (long)usage["prompt_tokens"]!);
        Assert.Equal(456, (long)usage["completion_tokens"]!);
        Assert.Equal("oneshot", (string?)log["meta"]!["request_mode"]);
        Assert.InRange((long)usage["time_to_first_token"]!, 0, (long)log["meta"]!["llm_latency"]!);
    }

    // The statistics' log values are pooled holders returned when the request's state is disposed: a request that
    // takes the holders another one used must log its own figures, never the earlier request's.
    [Fact]
    public async Task Log_RequestsInTurn_EachLineCarriesItsOwnStatistics()
    {
        var answers = new Queue<Func<Microsoft.AspNetCore.Http.HttpContext, Task>>(
        [
            Respond(200, "text/event-stream", [ClaudeStreams.Utf8(ClaudeStreams.ToolUseTurn)]),
            Respond(200, "application/json", [ClaudeStreams.Utf8(ClaudeStreams.OneShotMessage)]),
            Respond(200, "text/event-stream", [ClaudeStreams.Utf8(ClaudeStreams.ToolUseTurn)]),
        ]);
        await using var gateway = await StartAsync(upstream: http => answers.Dequeue()(http));

        (long Prompt, long Completion, string? Mode)[] seen = new (long, long, string?)[3];
        for (var i = 0; i < 3; i++)
        {
            await gateway.SendAsync(i == 1 ? ClaudeCodeRequest(body: OneShotBody) : ClaudeCodeRequest());
            var log = (await gateway.NextLogEntryAsync()).AiProxy()!;
            seen[i] = ((long)log["usage"]!["prompt_tokens"]!, (long)log["usage"]!["completion_tokens"]!, (string?)log["meta"]!["request_mode"]);
        }

        Assert.Equal([(32060L, 85L, "stream"), (25L, 456L, "oneshot"), (32060L, 85L, "stream")], seen);
    }

    [Fact]
    public async Task Log_ErrorEventAfter200_IsRecordedWithUsageSoFar()
    {
        await using var gateway = await StartAsync(upstream: Respond(200, "text/event-stream", [ClaudeStreams.Utf8(ClaudeStreams.OverloadedAfter200)]));

        await gateway.SendAsync(ClaudeCodeRequest());
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;

        var error = log["meta"]!["response_error"]!;
        Assert.Equal("overloaded_error", (string?)error["type"]);
        Assert.Equal("Overloaded", (string?)error["message"]);
        Assert.Equal(41, (long)log["usage"]!["total_tokens"]!);
        Assert.Equal(0, (long)log["usage"]!["time_to_first_token"]!);
    }

    [Fact]
    public async Task Log_UpstreamNon2xx_RecordsTheErrorAndNoTokens()
    {
        await using var gateway = await StartAsync(upstream: Respond(429, "application/json",
            [Encoding.UTF8.GetBytes("""{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}""")]));

        await gateway.SendAsync(ClaudeCodeRequest());
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;

        Assert.Equal("rate_limit_error", (string?)log["meta"]!["response_error"]!["type"]);
        Assert.Equal(0, (long)log["usage"]!["total_tokens"]!);
    }

    [Fact]
    public async Task Log_ClientDisconnectMidStream_KeepsWhatWasSeenAndSaysIncomplete()
    {
        var stream = ClaudeStreams.Utf8(ClaudeStreams.ToolUseTurn);
        var cut = stream.AsSpan().IndexOf("event: message_delta"u8);
        await using var gateway = await StartAsync(upstream: RespondAndHang("text/event-stream", [stream[..cut]]));

        // The client has every byte before the cut (so ai-proxy's body_filter saw them), then goes away.
        await gateway.ReadThenDisconnectAsync(ClaudeCodeRequest(), cut);
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;

        Assert.True((bool)log["meta"]!["response_incomplete"]!);
        Assert.Equal(32060, (long)log["usage"]!["prompt_tokens"]!);
        // message_start said 3 (provisional); the thinking, two text and one tool-input deltas seen are at least 4.
        Assert.Equal(4, (long)log["usage"]!["completion_tokens"]!);
        Assert.Equal(
            "stream ended before its final usage: completion_tokens counts the 4 content deltas seen (the upstream had reported 3)",
            (string?)log["meta"]!["usage_problem"]);
    }

    [Fact]
    public async Task Log_StreamCutAfterThirtyDeltas_CountsWhatWasSeenAndSaysSo()
    {
        var text = new StringBuilder()
            .Append("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"claude-sonnet-4-5-20250929\",\"usage\":{\"input_tokens\":100,\"output_tokens\":1}}}\n\n")
            .Append("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
        for (var i = 0; i < 30; i++)
        {
            text.Append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"word \"}}\n\n");
        }

        var stream = ClaudeStreams.Utf8(text.ToString());
        await using var gateway = await StartAsync(upstream: RespondAndHang("text/event-stream", Chunks(stream, 50)));

        // Cut (here by the client): no message_delta, no message_stop, no end of body.
        await gateway.ReadThenDisconnectAsync(ClaudeCodeRequest(), stream.Length);
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;

        var meta = log["meta"]!;
        Assert.True((bool)meta["response_incomplete"]!);
        Assert.Contains("counts the 30 content deltas seen (the upstream had reported 1)", (string?)meta["usage_problem"], StringComparison.Ordinal);
        Assert.Equal(30, (long)log["usage"]!["completion_tokens"]!);
        Assert.Equal(130, (long)log["usage"]!["total_tokens"]!);
    }

    [Fact]
    public async Task Log_StreamEndsCleanlyWithoutMessageStop_SaysIncomplete()
    {
        var stream = ClaudeStreams.Utf8(ClaudeStreams.ToolUseTurn);
        var stop = stream.AsSpan().IndexOf("event: message_stop"u8);
        // The body ends properly, but the message never did.
        await using var gateway = await StartAsync(upstream: Respond(200, "text/event-stream", [stream[..stop]]));

        await gateway.SendAsync(ClaudeCodeRequest());
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;

        Assert.True((bool)log["meta"]!["response_incomplete"]!);
        Assert.Equal(85, (long)log["usage"]!["completion_tokens"]!); // message_delta's final count stands
        Assert.Null(log["meta"]!["usage_problem"]);
    }

    [Theory]
    [InlineData("/v1/messages/count_tokens", "POST", """{"model":"claude-3-5-haiku-20241022","messages":[1]}""", """{"input_tokens":1234}""", "count_tokens", "claude-3-5-haiku-20241022")]
    [InlineData("/v1/models", "GET", null, """{"data":[{"id":"claude-sonnet-4-5-20250929","type":"model"}],"has_more":false}""", "models", "claude-sonnet-4-5-20250929")]
    [InlineData("/v1/messages/batches", "POST", """{"requests":[]}""", """{"id":"msgbatch_01"}""", "passthrough", "claude-sonnet-4-5-20250929")]
    public async Task Log_NonGeneratingCalls_AreLoggedByModeWithZeroTokens(string path, string method, string? body,
        string response, string mode, string model)
    {
        await using var gateway = await StartAsync(upstream: Respond(200, "application/json", [Encoding.UTF8.GetBytes(response)]));

        await gateway.SendAsync(ClaudeCodeRequest(path, body, method));
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;

        Assert.Equal(mode, (string?)log["meta"]!["request_mode"]);
        Assert.Equal(model, (string?)log["meta"]!["request_model"]);
        Assert.Equal(0, (long)log["usage"]!["prompt_tokens"]!);
        Assert.Equal(0, (long)log["usage"]!["completion_tokens"]!);
    }

    [Fact]
    public async Task Log_OwnRejection_IsLoggedWithZeroUsage()
    {
        await using var gateway = await StartAsync();

        await gateway.SendAsync(ClaudeCodeRequest(body: """{"model":"claude-3-5-haiku-20241022","messages":[1],"stream":true}"""));
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;

        Assert.Equal(0, (long)log["meta"]!["llm_latency"]!);
        Assert.Equal("claude-sonnet-4-5-20250929", (string?)log["meta"]!["request_model"]);
        Assert.Equal(0, (long)log["usage"]!["total_tokens"]!);
    }

    [Fact]
    public async Task Log_EarlierPluginEndedTheRequest_StillWritesStatistics()
    {
        await using var gateway = await StartAsync(
            configure: o => o.AddPlugin<EarlyExitPlugin>(),
            plugins: "plugins:\n  - name: early-exit\n"); // ai-proxy's access never runs

        var (response, _) = await gateway.SendAsync(ClaudeCodeRequest());
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("oneshot", (string?)log["meta"]!["request_mode"]);
        Assert.Equal(0, (long)log["usage"]!["total_tokens"]!);
    }

    [Fact]
    public async Task Log_StatisticsOff_WritesNothing()
    {
        await using var gateway = await StartAsync(
            Tutorial(c => c["logging"] = new JsonObject { ["log_statistics"] = false, ["log_payloads"] = false }),
            Respond(200, "text/event-stream", [ClaudeStreams.Utf8(ClaudeStreams.ToolUseTurn)]));

        await gateway.SendAsync(ClaudeCodeRequest());
        var entry = await gateway.NextLogEntryAsync();

        Assert.False(entry.TryGetProperty("ai", out _));
    }
}
