using Gateway.MockAnthropic;

namespace Gateway.Integration.Tests.Plugins.FileLog;

/// <summary>ai-proxy's statistics reach file-log's line through the host's serialize values (file-log has the
/// lower priority, so it logs after ai-proxy wrote them).</summary>
public sealed class FileLogAiProxyTests : IDisposable
{
    private readonly TempFolder _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task Line_StreamingClaudeRequest_CarriesAiProxyMetaAndTheMocksUsage()
    {
        await using var mock = await MockAnthropicServer.StartAsync(new MockAnthropicOptions());
        var path = _logs.File("claude.json");
        await using var gateway = await GatewayTestHost.StartAsync(AiGateway.Config(mock.BaseUri, path));

        using var request = AiGateway.StreamingRequest();
        request.Headers.Add("x-api-key", "client-dummy-key");
        using var response = await gateway.Client.SendAsync(request);
        var stream = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, stream);
        Assert.Contains("event: message_stop", stream, StringComparison.Ordinal);
        var entry = Assert.Single(LogFile.Parse(await LogFile.WaitForLinesAsync(path, 1)));
        Assert.Equal(response.Headers.GetValues("X-Kong-Request-Id").Single(), LogFile.RequestId(entry));
        Assert.Equal("upstream", entry.GetProperty("source").GetString());
        Assert.Equal("/v1/messages?beta=true", entry.GetProperty("upstream_uri").GetString());

        var meta = entry.GetProperty("ai").GetProperty("proxy").GetProperty("meta");
        Assert.Equal("stream", meta.GetProperty("request_mode").GetString());
        Assert.Equal("anthropic", meta.GetProperty("provider_name").GetString());
        Assert.Equal(AiGateway.Model, meta.GetProperty("request_model").GetString());
        Assert.Equal(AiGateway.Model, meta.GetProperty("response_model").GetString());

        var sent = Assert.Single(mock.Requests).ResponseUsage!;
        Assert.True(sent.CacheReadInputTokens > 0 && sent.CacheCreationInputTokens > 0, "the body has cache_control, so the mock reports cache tokens");
        var usage = entry.GetProperty("ai").GetProperty("proxy").GetProperty("usage");
        var prompt = sent.InputTokens + sent.CacheCreationInputTokens + sent.CacheReadInputTokens;
        Assert.Equal(prompt, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(sent.OutputTokens, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(prompt + sent.OutputTokens, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(sent.CacheReadInputTokens, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
    }
}
