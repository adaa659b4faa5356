using System.Text;
using Gateway.Plugins.AiProxy.Buffers;
using Gateway.Plugins.AiProxy.Configuration;
using Gateway.Plugins.AiProxy.Tests.Support;
using static Gateway.Plugins.AiProxy.Tests.Support.PluginHarness;

namespace Gateway.Plugins.AiProxy.Tests.Statistics;

public sealed class PayloadLoggingTests
{
    private static readonly AiProxyConfig PayloadsOnly =
        With(c => c with { Logging = new LoggingConfig { LogPayloads = true } });

    [Fact]
    public async Task Log_StreamPayloads_AreRequestBodyAndStreamedText()
    {
        var context = await AccessAsync(PayloadsOnly);

        await RespondAsync(context, 200, "text/event-stream", Chunks(ClaudeStreams.Utf8(ClaudeStreams.ToolUseTurn), 5));
        var log = await LogAsync(context);

        Assert.False(log.ContainsKey("ai.proxy.meta")); // payloads work without statistics, as in 3.13
        var payload = log["ai.proxy.payload"]!;
        Assert.Equal(ClaudeCodeBody, (string?)payload["request"]);
        Assert.Equal(ClaudeStreams.ToolUseTurnText, (string?)payload["response"]);
        Assert.Null(payload["request_truncated"]);
        Assert.Null(payload["response_truncated"]);
    }

    [Fact]
    public async Task Log_OneShotPayload_IsTheDecodedBody()
    {
        var context = await AccessAsync(PayloadsOnly, body: """{"model":"claude-sonnet-4-5-20250929","messages":[1]}""");

        await RespondAsync(context, 200, "application/json", [ClaudeStreams.Gzip(ClaudeStreams.OneShotMessage)], contentEncoding: "gzip");
        var log = await LogAsync(context);

        Assert.Equal(ClaudeStreams.OneShotMessage, (string?)log["ai.proxy.payload"]!["response"]);
    }

    [Fact]
    public async Task Log_HugeRequest_IsCutAtTheBoundOnACharacterBoundary()
    {
        // 3-byte characters straddle the 64 KiB cut wherever it falls.
        var body = """{"model":"claude-sonnet-4-5-20250929","messages":[{"role":"user","content":""" + "\"" + new string('漢', 40_000) + "\"}]}";
        var context = await AccessAsync(PayloadsOnly, body: body);

        var log = await LogAsync(context);

        var request = (string)log["ai.proxy.payload"]!["request"]!;
        Assert.True((bool)log["ai.proxy.payload"]!["request_truncated"]!);
        Assert.InRange(Encoding.UTF8.GetByteCount(request), Limits.PayloadBytes - 3, Limits.PayloadBytes);
        Assert.DoesNotContain('\uFFFD', request);
        Assert.StartsWith(body[..1000], request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_HugeStreamedText_IsBounded()
    {
        var delta = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" +
            new string('é', 1000) + "\"}}\n\n";
        var context = await AccessAsync(PayloadsOnly);

        await RespondAsync(context, 200, "text/event-stream", Enumerable.Repeat(Encoding.UTF8.GetBytes(delta), 100));
        var log = await LogAsync(context);

        var response = (string)log["ai.proxy.payload"]!["response"]!;
        Assert.True((bool)log["ai.proxy.payload"]!["response_truncated"]!);
        Assert.Equal(Limits.PayloadBytes, Encoding.UTF8.GetByteCount(response)); // 2-byte chars divide 64 KiB
    }

    [Fact]
    public async Task Log_OwnRejection_LogsTheErrorItSent()
    {
        var context = await AccessAsync(PayloadsOnly, body: "not json");

        var log = await LogAsync(context);

        Assert.Equal("not json", (string?)log["ai.proxy.payload"]!["request"]);
        Assert.Equal(context.ExitResponse!.Value.Body, (string?)log["ai.proxy.payload"]!["response"]);
    }

    [Fact]
    public async Task Log_RewrittenRequest_LogsWhatWentUpstream()
    {
        var config = PayloadsOnly with { ResponseStreaming = ResponseStreaming.Always };
        var context = await AccessAsync(config, body: """{"model":"claude-sonnet-4-5-20250929","messages":[1]}""");

        var log = await LogAsync(context);

        Assert.Equal("""{"stream":true,"model":"claude-sonnet-4-5-20250929","messages":[1]}""", (string?)log["ai.proxy.payload"]!["request"]);
    }
}
