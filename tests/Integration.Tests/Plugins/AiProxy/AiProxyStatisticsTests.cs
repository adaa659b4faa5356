namespace Gateway.Integration.Tests.Plugins.AiProxy;

/// <summary>The <c>ai.proxy</c> statistics in file-log's line equal what the mock reported.</summary>
public sealed class AiProxyStatisticsTests
{
    private const double InputCost = 3;
    private const double OutputCost = 15;
    private const double CacheReadCost = 0.3;
    private const double CacheWriteCost = 3.75;

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Usage_CachedPromptFiveDeltas_MatchesMockUsageAndHandComputedCost(bool stream, bool cachePrices)
    {
        string[] prices = cachePrices
            ? [$"input_cost: {InputCost}", $"output_cost: {OutputCost}", $"cache_read_cost: {CacheReadCost}", $"cache_write_cost: {CacheWriteCost}"]
            : [$"input_cost: {InputCost}", $"output_cost: {OutputCost}"];
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { Options = prices });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages("hi [[mock:deltas:5]]", stream));
        await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(200, (int)response.StatusCode);

        var mock = (await h.SingleRecordedAsync()).ResponseUsage!;
        // The body has a cache_control key, so the mock reports all three prompt parts; five deltas, five tokens.
        Assert.True(mock.InputTokens > 0 && mock.CacheReadInputTokens > 0 && mock.CacheCreationInputTokens > 0);
        Assert.Equal(5, mock.OutputTokens);
        var ai = (await h.LogEntryAsync(response))["ai"]!["proxy"]!;
        var meta = ai["meta"]!;
        var usage = ai["usage"]!;

        var prompt = mock.InputTokens + mock.CacheCreationInputTokens + mock.CacheReadInputTokens;
        Assert.Equal(prompt, usage["prompt_tokens"]!.GetValue<long>());
        Assert.Equal(5, usage["completion_tokens"]!.GetValue<long>()); // the final count, not 1 + 5 as Kong 3.13 sums
        Assert.Equal(prompt + 5, usage["total_tokens"]!.GetValue<long>());
        Assert.Equal(mock.CacheReadInputTokens, usage["prompt_tokens_details"]!["cached_tokens"]!.GetValue<long>());
        Assert.Equal(mock.CacheCreationInputTokens, usage["prompt_tokens_details"]!["cache_creation_tokens"]!.GetValue<long>());
        Assert.Empty(usage["completion_tokens_details"]!.AsObject());
        var readPrice = cachePrices ? CacheReadCost : InputCost;
        var writePrice = cachePrices ? CacheWriteCost : InputCost;
        var cost = ((mock.InputTokens * InputCost) + (mock.CacheReadInputTokens * readPrice) + (mock.CacheCreationInputTokens * writePrice) + (5 * OutputCost)) / 1_000_000;
        Assert.Equal(cost, usage["cost"]!.GetValue<double>(), 12);

        var latency = meta["llm_latency"]!.GetValue<long>();
        var firstToken = usage["time_to_first_token"]!.GetValue<long>();
        Assert.InRange(firstToken, 0, latency);
        Assert.Equal(latency / 5d, usage["time_per_token"]!.GetValue<double>(), 9);
        Assert.Equal(stream ? "stream" : "oneshot", meta["request_mode"]!.GetValue<string>());
        Assert.Equal("anthropic", meta["provider_name"]!.GetValue<string>());
        Assert.Equal(AiProxySetup.Model, meta["request_model"]!.GetValue<string>());
        Assert.Equal(AiProxySetup.Model, meta["response_model"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(meta["plugin_id"]!.GetValue<string>()));
        Assert.Null(meta["response_incomplete"]);
        Assert.Null(meta["response_error"]);
    }

    [Theory]
    [InlineData(true, "Hello from the mock Anthropic server.")]
    [InlineData(false, "\"text\":\"Hello from the mock Anthropic server.\"")]
    public async Task Payloads_StreamOrGzippedOneshot_LogsRequestAndDecodedResponse(bool stream, string expectedInResponse)
    {
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { LogPayloads = true });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages(stream: stream));
        await response.Content.ReadAsByteArrayAsync();

        var payload = (await h.LogEntryAsync(response))["ai"]!["proxy"]!["payload"]!;
        Assert.Equal(ClaudeCodeRequest.Body(stream: stream), payload["request"]!.GetValue<string>());
        var text = payload["response"]!.GetValue<string>();
        Assert.Equal(stream, text == expectedInResponse);
        Assert.Contains(expectedInResponse, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_ConfiguredKey_RedactedInLoggedRequestHeaders()
    {
        await using var h = await AiProxyHarness.StartAsync();

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages(stream: false));
        await response.Content.ReadAsByteArrayAsync();

        var entry = await h.LogEntryAsync(response);
        Assert.Equal("REDACTED", entry["request"]!["headers"]!["x-api-key"]!.GetValue<string>());
        Assert.DoesNotContain(AiProxySetup.ConfiguredKey, entry.ToJsonString(), StringComparison.Ordinal);
    }
}
