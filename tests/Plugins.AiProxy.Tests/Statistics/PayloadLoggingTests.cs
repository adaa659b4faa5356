using System.Text;
using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Buffers;
using Gateway.Plugins.AiProxy.Tests.Support;
using static Gateway.Plugins.AiProxy.Tests.Support.AiProxyGateway;

namespace Gateway.Plugins.AiProxy.Tests.Statistics;

public sealed class PayloadLoggingTests
{
    private static JsonObject PayloadsOnly(Action<JsonObject>? change = null) => Tutorial(c =>
    {
        c["logging"] = new JsonObject { ["log_statistics"] = false, ["log_payloads"] = true };
        change?.Invoke(c);
    });

    [Fact]
    public async Task Log_StreamPayloads_AreRequestBodyAndStreamedText()
    {
        await using var gateway = await StartAsync(PayloadsOnly(), Respond(200, "text/event-stream", Chunks(ClaudeStreams.Utf8(ClaudeStreams.ToolUseTurn), 5)));

        await gateway.SendAsync(ClaudeCodeRequest());
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;

        Assert.Null(log["meta"]); // payloads work without statistics, as in 3.13
        var payload = log["payload"]!;
        Assert.Equal(ClaudeCodeBody, (string?)payload["request"]);
        Assert.Equal(ClaudeStreams.ToolUseTurnText, (string?)payload["response"]);
        Assert.Null(payload["request_truncated"]);
        Assert.Null(payload["response_truncated"]);
    }

    [Fact]
    public async Task Log_OneShotPayload_IsTheDecodedBody()
    {
        await using var gateway = await StartAsync(PayloadsOnly(), Respond(200, "application/json", [ClaudeStreams.Gzip(ClaudeStreams.OneShotMessage)], contentEncoding: "gzip"));

        await gateway.SendAsync(ClaudeCodeRequest(body: OneShotBody));
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;

        Assert.Equal(ClaudeStreams.OneShotMessage, (string?)log["payload"]!["response"]);
    }

    [Fact]
    public async Task Log_HugeRequest_IsCutAtTheBoundOnACharacterBoundary()
    {
        // 3-byte characters straddle the 64 KiB cut wherever it falls.
        var body = """{"model":"claude-sonnet-4-5-20250929","messages":[{"role":"user","content":""" + "\"" + new string('漢', 40_000) + "\"}]}";
        await using var gateway = await StartAsync(PayloadsOnly());

        await gateway.SendAsync(ClaudeCodeRequest(body: body));
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;

        var request = (string)log["payload"]!["request"]!;
        Assert.True((bool)log["payload"]!["request_truncated"]!);
        Assert.InRange(Encoding.UTF8.GetByteCount(request), Limits.PayloadBytes - 3, Limits.PayloadBytes);
        Assert.DoesNotContain('\uFFFD', request);
        Assert.StartsWith(body[..1000], request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_HugeStreamedText_IsBounded()
    {
        var delta = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" +
            new string('é', 1000) + "\"}}\n\n";
        await using var gateway = await StartAsync(PayloadsOnly(), Respond(200, "text/event-stream", Enumerable.Repeat(Encoding.UTF8.GetBytes(delta), 100)));

        await gateway.SendAsync(ClaudeCodeRequest());
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;

        var response = (string)log["payload"]!["response"]!;
        Assert.True((bool)log["payload"]!["response_truncated"]!);
        Assert.Equal(Limits.PayloadBytes, Encoding.UTF8.GetByteCount(response)); // 2-byte chars divide 64 KiB
    }

    [Fact]
    public async Task Log_OwnRejection_LogsTheErrorItSent()
    {
        await using var gateway = await StartAsync(PayloadsOnly());

        var (_, sent) = await gateway.SendAsync(ClaudeCodeRequest(body: "not json"));
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;

        Assert.Equal("not json", (string?)log["payload"]!["request"]);
        Assert.Equal(Encoding.UTF8.GetString(sent), (string?)log["payload"]!["response"]);
    }

    [Fact]
    public async Task Log_RewrittenRequest_LogsWhatWentUpstream()
    {
        await using var gateway = await StartAsync(PayloadsOnly(c => c["response_streaming"] = "always"));

        await gateway.SendAsync(ClaudeCodeRequest(body: OneShotBody));
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;

        const string sent = """{"stream":true,"model":"claude-sonnet-4-5-20250929","messages":[1]}""";
        Assert.Equal(sent, (string?)log["payload"]!["request"]);
        Assert.Equal(sent, Assert.Single(gateway.UpstreamRequests).BodyText);
    }
}
