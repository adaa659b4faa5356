using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace Gateway.Integration.Tests.Plugins.AiProxy;

/// <summary>One-shot replies: the JSON (compressed or not) reaches the client as the mock sent it, and usage is
/// read on the side.</summary>
public sealed class AiProxyNonStreamingTests
{
    [Fact]
    public async Task Oneshot_ClientWithoutAcceptEncoding_JsonPassesUnchanged()
    {
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { Relay = true });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages(stream: false, acceptEncoding: null));
        var received = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(200, (int)response.StatusCode);
        var sent = await h.Relay!.SingleResponseAsync();
        Assert.Equal(sent.Body, received);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.StartsWith("{\"id\":\"msg_01", Encoding.UTF8.GetString(received), StringComparison.Ordinal);
        Assert.Equal("identity", (await h.SingleRecordedAsync()).Headers["accept-encoding"]);
    }

    [Fact]
    public async Task Oneshot_MockGzips_ClientGetsTheSameGzipBytesAndUsageIsLogged()
    {
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { Relay = true });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages(stream: false));
        var received = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        var sent = await h.Relay!.SingleResponseAsync();
        Assert.Equal("gzip", sent.Headers["content-encoding"]);
        Assert.Equal(sent.Body, received);
        var json = JsonNode.Parse(Gunzip(received))!;
        Assert.Equal("message", json["type"]!.GetValue<string>());

        var recorded = (await h.SingleRecordedAsync()).ResponseUsage!;
        var usage = (await h.LogEntryAsync(response))["ai"]!["proxy"]!["usage"]!;
        Assert.Equal(recorded.InputTokens + recorded.CacheCreationInputTokens + recorded.CacheReadInputTokens, usage["prompt_tokens"]!.GetValue<long>());
        Assert.Equal(recorded.OutputTokens, usage["completion_tokens"]!.GetValue<long>());
        Assert.Equal(json["usage"]!["output_tokens"]!.GetValue<long>(), usage["completion_tokens"]!.GetValue<long>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BrotliOnlyClient_StreamOrNot_MockAskedForIdentityAndUsageRead(bool stream)
    {
        await using var h = await AiProxyHarness.StartAsync();

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages(stream: stream, acceptEncoding: "br"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains(stream ? "event: message_stop" : "\"stop_reason\":\"end_turn\"", body, StringComparison.Ordinal);
        var recorded = await h.SingleRecordedAsync();
        Assert.Equal("identity", recorded.Headers["accept-encoding"]);
        var ai = (await h.LogEntryAsync(response))["ai"]!["proxy"]!;
        Assert.Null(ai["meta"]!["usage_problem"]);
        Assert.Equal(recorded.ResponseUsage!.OutputTokens, ai["usage"]!["completion_tokens"]!.GetValue<long>());
    }

    internal static string Gunzip(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
