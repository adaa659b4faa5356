using System.Text;
using System.Text.Json.Nodes;
using Gateway.MockAnthropic;

namespace Gateway.Integration.Tests.Plugins.AiProxy;

/// <summary>Upstream failures: Anthropic's errors pass through as sent; the gateway's own (unreachable,
/// timeout) come back in Anthropic's shape.</summary>
public sealed class AiProxyUpstreamErrorTests
{
    [Theory]
    [InlineData(401, "authentication_error", null)]
    [InlineData(429, "rate_limit_error", "1")]
    [InlineData(529, "overloaded_error", "1")]
    public async Task UpstreamError_StatusAndBody_PassThroughUnchangedAndRecorded(int status, string type, string? retryAfter)
    {
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { Relay = true });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages($"hi [[mock:status:{status}]]", stream: true));
        var received = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(status, (int)response.StatusCode);
        var sent = await h.Relay!.SingleResponseAsync();
        Assert.Equal(sent.Body, received);
        Assert.Equal(retryAfter, response.Headers.TryGetValues("retry-after", out var values) ? values.Single() : null);
        var json = JsonNode.Parse(Encoding.UTF8.GetString(received))!;
        Assert.Equal(type, json["error"]!["type"]!.GetValue<string>());
        Assert.Null(response.Headers.TryGetValues("X-Kong-LLM-Model", out _) ? "set" : null);

        var ai = (await h.LogEntryAsync(response))["ai"]!["proxy"]!;
        Assert.Equal(type, ai["meta"]!["response_error"]!["type"]!.GetValue<string>());
        AiProxyUpstreamRequestTests.AssertZeroTokens(ai["usage"]!);
    }

    [Fact]
    public async Task UpstreamError_GzippedBody_PassesThroughCompressed()
    {
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { Relay = true });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages("hi [[mock:status:529]]", stream: false));
        var received = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(529, (int)response.StatusCode);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Equal((await h.Relay!.SingleResponseAsync()).Body, received);
        Assert.Contains("\"overloaded_error\"", AiProxyNonStreamingTests.Gunzip(received), StringComparison.Ordinal);
        var meta = (await h.LogEntryAsync(response))["ai"]!["proxy"]!["meta"]!;
        Assert.Equal("overloaded_error", meta["response_error"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task StreamError_ErrorEventAfter200_PassesThroughAndIsRecorded()
    {
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { Relay = true });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages("hi [[mock:stream-error]]"));
        var received = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal((await h.Relay!.SingleResponseAsync()).Body, received);
        Assert.EndsWith(
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n",
            Encoding.UTF8.GetString(received), StringComparison.Ordinal);
        var meta = (await h.LogEntryAsync(response))["ai"]!["proxy"]!["meta"]!;
        Assert.Equal("overloaded_error", meta["response_error"]!["type"]!.GetValue<string>());
        Assert.Equal("Overloaded", meta["response_error"]!["message"]!.GetValue<string>());
        Assert.True(meta["response_incomplete"]!.GetValue<bool>()); // the body ended, the message never did
    }

    [Fact]
    public async Task Unreachable_ClosedPort_Returns502AnthropicApiError()
    {
        var port = Pipeline.LogPhaseTests.ClosedPort();
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup
        {
            UpstreamUrl = $"http://127.0.0.1:{port}/v1/messages",
            Service = ["retries: 1"],
        });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages());
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(502, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), response.Content.Headers.ContentLength);
        var error = JsonNode.Parse(body)!;
        Assert.Equal("error", error["type"]!.GetValue<string>());
        Assert.Equal("api_error", error["error"]!["type"]!.GetValue<string>());
        Assert.StartsWith($"The upstream server could not be reached (127.0.0.1:{port}:", error["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var ai = (await h.LogEntryAsync(response))["ai"]!["proxy"]!;
        AiProxyUpstreamRequestTests.AssertZeroTokens(ai["usage"]!);
    }

    [Fact]
    public async Task Oneshot_UpstreamDropsConnectionBeforeAnswering_Returns502AnthropicApiError()
    {
        await using var h = await AiProxyHarness.StartAsync();

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages("hi [[mock:disconnect-after:0]]", stream: false));

        await AiProxyValidationTests.AssertErrorAsync(response, 502, "api_error", "An invalid response was received from the upstream server");
    }

    [Fact]
    public async Task Timeout_ServiceReadTimeoutShorterThanMock_Returns504AnthropicApiError()
    {
        // ai-proxy replaces the service's target, but the service's read_timeout still governs the call.
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { Service = ["read_timeout: 300"] });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages("hi [[mock:slow-first-token:10000]]", stream: false));

        await AiProxyValidationTests.AssertErrorAsync(response, 504, "api_error", "The upstream server is timing out");
    }

    [Fact]
    public async Task Timeout_ServiceReadTimeoutLongerThanMock_Succeeds()
    {
        await using var h = await AiProxyHarness.StartAsync(
            new AiProxySetup { Service = ["read_timeout: 30000"] },
            new MockAnthropicOptions { ExpectedApiKey = AiProxySetup.ConfiguredKey, LatencyMs = 600 });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages(stream: false));
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task GlobalAiProxy_NoRouteMatched_KeepsKongsNotFoundMessage()
    {
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup());

        using var response = await h.Client.GetAsync("/not-a-route");

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("{\"message\":\"no Route matched with those values\"}", await response.Content.ReadAsStringAsync());
    }
}
