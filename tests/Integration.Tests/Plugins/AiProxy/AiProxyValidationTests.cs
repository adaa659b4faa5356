using System.Text;

namespace Gateway.Integration.Tests.Plugins.AiProxy;

/// <summary>Requests ai-proxy refuses itself, end to end: Anthropic-shaped errors and no call to the upstream.</summary>
public sealed class AiProxyValidationTests
{
    [Fact]
    public async Task BodyOverLimit_WithContentLength_Returns413AndMockIsNotCalled()
    {
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { Config = ["max_request_body_size: 1024"] });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages(new string('a', 2000)));

        await AssertErrorAsync(response, 413, "request_too_large", "request body is larger than max_request_body_size (1024 bytes)");
        Assert.Empty(h.Mock.Requests);
        var ai = (await h.LogEntryAsync(response))["ai"]!["proxy"]!;
        AiProxyUpstreamRequestTests.AssertZeroTokens(ai["usage"]!);
    }

    [Fact]
    public async Task BodyOverLimit_Chunked_Returns413AndMockIsNotCalled()
    {
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { Config = ["max_request_body_size: 1024"] });
        // No Content-Length: the limit must be found while reading.
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(ClaudeCodeRequest.Body(new string('a', 2000)))));

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Post(ClaudeCodeRequest.MessagesPath, content));

        await AssertErrorAsync(response, 413, "request_too_large", "request body is larger than max_request_body_size (1024 bytes)");
        Assert.Empty(h.Mock.Requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BodyOverDefaultLimit_ThreeMegabytes_ClientStillGets413(bool contentLength)
    {
        // A long Claude Code session outgrows the limit: the client must get the error, not a reset connection.
        await using var h = await AiProxyHarness.StartAsync();
        var bytes = Encoding.UTF8.GetBytes(ClaudeCodeRequest.Body(new string('a', 3 * 1024 * 1024)));
        HttpContent content = contentLength ? new ByteArrayContent(bytes) : new StreamContent(new MemoryStream(bytes));

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Post(ClaudeCodeRequest.MessagesPath, content));

        await AssertErrorAsync(response, 413, "request_too_large", "request body is larger than max_request_body_size (1048576 bytes)");
        Assert.Empty(h.Mock.Requests);
    }

    [Fact]
    public async Task UnlimitedBodySize_TwoMegabyteBody_ReachesMockWhole()
    {
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { Config = ["max_request_body_size: 0"] });
        var body = ClaudeCodeRequest.Body(new string('a', 2 * 1024 * 1024), stream: false);

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Post(ClaudeCodeRequest.MessagesPath, body, acceptEncoding: null));
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(body.Length, (await h.SingleRecordedAsync()).BodyBytes);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":10}")]
    [InlineData("{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":10,\"messages\":[]}")]
    [InlineData("[{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}]")]
    public async Task Messages_NoValidPrompts_Returns400(string body)
    {
        await using var h = await AiProxyHarness.StartAsync();

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Post(ClaudeCodeRequest.MessagesPath, body));

        await AssertErrorAsync(response, 400, "invalid_request_error", "request body doesn't contain valid prompts");
        Assert.Empty(h.Mock.Requests);
    }

    [Fact]
    public async Task Messages_OtherModel_Returns400CannotUseOwnModel()
    {
        await using var h = await AiProxyHarness.StartAsync();

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Post(ClaudeCodeRequest.MessagesPath, ClaudeCodeRequest.Body(model: "claude-opus-4-1-20250805")));

        await AssertErrorAsync(response, 400, "invalid_request_error", "cannot use own model - must be: claude-sonnet-4-5-20250929");
        Assert.Empty(h.Mock.Requests);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("""{"id":"claude-sonnet-4-5-20250929"}""")]
    public async Task Messages_ModelNotAString_Returns400InsteadOfThePinnedModel(string model)
    {
        await using var h = await AiProxyHarness.StartAsync();
        var body = $$"""{"model":{{model}},"max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Post(ClaudeCodeRequest.MessagesPath, body));

        await AssertErrorAsync(response, 400, "invalid_request_error", "cannot use own model - must be: claude-sonnet-4-5-20250929");
        Assert.Empty(h.Mock.Requests);
    }

    [Theory]
    [InlineData("claude\\r\\nSet-Cookie: session=stolen")]
    [InlineData("claude\\u0000x")]
    public async Task Messages_UnpinnedModelWithControlCharacters_Returns400BeforeAnthropicIsCalled(string jsonModel)
    {
        // Without a pinned model the client's model becomes X-Kong-LLM-Model: a line break there would split the
        // response headers after Anthropic was already paid for the answer.
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { ModelName = null });
        var body = $$"""{"model":"{{jsonModel}}","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Post(ClaudeCodeRequest.MessagesPath, body));

        await AssertErrorAsync(response, 400, "invalid_request_error", "model must not contain control characters");
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Empty(h.Mock.Requests);
    }

    [Fact]
    public async Task Messages_UnpinnedModel_IsSentAndNamedInTheModelHeader()
    {
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { ModelName = null });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages(stream: false));
        await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("anthropic/" + AiProxySetup.Model, response.Headers.GetValues("X-Kong-LLM-Model").Single());
    }

    [Fact]
    public async Task StreamingDenied_StreamRequest_Returns400()
    {
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { Config = ["response_streaming: deny"] });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages(stream: true));

        await AssertErrorAsync(response, 400, "invalid_request_error", "response streaming is not enabled for this LLM");
        Assert.Empty(h.Mock.Requests);
    }

    [Fact]
    public async Task StreamingAlways_OneshotRequest_MockGetsStreamTrueAndClientGetsEvents()
    {
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { Config = ["response_streaming: always"] });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages(stream: false));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("text/event-stream", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains("event: message_stop", body, StringComparison.Ordinal);
        var seen = await h.SingleRecordedAsync();
        Assert.True(seen.Streamed);
        Assert.Contains("\"stream\":true", seen.Body, StringComparison.Ordinal);
        Assert.Equal("identity", seen.Headers["accept-encoding"]);
        var meta = (await h.LogEntryAsync(response))["ai"]!["proxy"]!["meta"]!;
        Assert.Equal("stream", meta["request_mode"]!.GetValue<string>());
    }

    internal static async Task AssertErrorAsync(HttpResponseMessage response, int status, string type, string message)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var expected = $"{{\"type\":\"error\",\"error\":{{\"type\":\"{type}\",\"message\":{System.Text.Json.JsonSerializer.Serialize(message)}}}}}";
        Assert.Equal(expected, body);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), response.Content.Headers.ContentLength);
    }
}
