namespace Gateway.Integration.Tests.Plugins.AiProxy;

/// <summary>What reaches Anthropic (the mock): paths, credentials, headers and the encodings asked for.</summary>
public sealed class AiProxyUpstreamRequestTests
{
    [Theory]
    [InlineData(true, "identity")]
    [InlineData(false, "gzip, identity")]
    public async Task Messages_ClaudeCodeHeaders_MockGetsKeyVersionAndClientHeadersOnMessagesPath(bool stream, string acceptEncoding)
    {
        await using var h = await AiProxyHarness.StartAsync();

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages(stream: stream));
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("anthropic/" + AiProxySetup.Model, response.Headers.GetValues("X-Kong-LLM-Model").Single());
        var seen = await h.SingleRecordedAsync();
        Assert.Equal("POST", seen.Method);
        Assert.Equal("/v1/messages?beta=true", seen.PathAndQuery);
        Assert.Equal(AiProxySetup.ConfiguredKey, seen.Headers["x-api-key"]);
        Assert.False(seen.Headers.ContainsKey("authorization"), "the client's dummy bearer reached Anthropic");
        Assert.Equal(AiProxySetup.AnthropicVersion, seen.Headers["anthropic-version"]);
        Assert.Equal(ClaudeCodeRequest.Beta, seen.Headers["anthropic-beta"]);
        Assert.Equal(ClaudeCodeRequest.UserAgent, seen.Headers["user-agent"]);
        Assert.Equal("cli", seen.Headers["x-app"]);
        Assert.Equal("js", seen.Headers["x-stainless-lang"]);
        Assert.Equal("0.60.0", seen.Headers["x-stainless-package-version"]);
        Assert.Equal("0", seen.Headers["x-stainless-retry-count"]);
        Assert.Equal("600", seen.Headers["x-stainless-timeout"]);
        Assert.Equal("true", seen.Headers["anthropic-dangerous-direct-browser-access"]);
        Assert.Equal(acceptEncoding, seen.Headers["accept-encoding"]);
        Assert.Equal($"127.0.0.1:{h.Mock.BaseUri.Port}", seen.Headers["host"]);
        Assert.Equal(ClaudeCodeRequest.Body(stream: stream), seen.Body);
    }

    [Theory]
    [InlineData("/anything", "/v1/messages")]
    [InlineData("/anything/chat?x=1", "/v1/messages?x=1")]
    [InlineData("/anything/v1/messages", "/v1/messages")]
    public async Task Messages_PathOutsideV1_GoesToMessagesPathWithQuery(string path, string expected)
    {
        await using var h = await AiProxyHarness.StartAsync();

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Post(path, ClaudeCodeRequest.Body(stream: false), acceptEncoding: null));
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(expected, (await h.SingleRecordedAsync()).PathAndQuery);
    }

    [Fact]
    public async Task CountTokens_ClaudeCodeRequest_ProxiedWithKeyAndLoggedAsCountTokens()
    {
        await using var h = await AiProxyHarness.StartAsync();
        var body = ClaudeCodeRequest.Body(stream: false);

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Post("/anything/v1/messages/count_tokens?beta=true", body, acceptEncoding: null));
        var json = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal($"{{\"input_tokens\":{body.Length / 4}}}", json);
        Assert.False(response.Headers.Contains("X-Kong-LLM-Model"));
        var seen = await h.SingleRecordedAsync();
        Assert.Equal("/v1/messages/count_tokens?beta=true", seen.PathAndQuery);
        Assert.Equal(AiProxySetup.ConfiguredKey, seen.Headers["x-api-key"]);
        Assert.False(seen.Headers.ContainsKey("authorization"));
        Assert.Equal(AiProxySetup.AnthropicVersion, seen.Headers["anthropic-version"]);
        var ai = (await h.LogEntryAsync(response))["ai"]!["proxy"]!;
        Assert.Equal("count_tokens", ai["meta"]!["request_mode"]!.GetValue<string>());
        Assert.Equal(AiProxySetup.Model, ai["meta"]!["request_model"]!.GetValue<string>());
        AssertZeroTokens(ai["usage"]!);
    }

    [Fact]
    public async Task Models_Get_ProxiedWithKeyAndLoggedAsModels()
    {
        await using var h = await AiProxyHarness.StartAsync();

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Get("/anything/v1/models?limit=20", acceptEncoding: null));
        var json = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("{\"data\":[{\"type\":\"model\"", json, StringComparison.Ordinal);
        var seen = await h.SingleRecordedAsync();
        Assert.Equal("GET", seen.Method);
        Assert.Equal("/v1/models?limit=20", seen.PathAndQuery);
        Assert.Equal(AiProxySetup.ConfiguredKey, seen.Headers["x-api-key"]);
        Assert.False(seen.Headers.ContainsKey("authorization"));
        var ai = (await h.LogEntryAsync(response))["ai"]!["proxy"]!;
        Assert.Equal("models", ai["meta"]!["request_mode"]!.GetValue<string>());
        AssertZeroTokens(ai["usage"]!);
    }

    [Fact]
    public async Task UpstreamUrlWithPath_MessagesAndCountTokens_MessagesUseItsPathCountTokensKeepsItsOwn()
    {
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { UpstreamPath = "/custom/messages" });

        using var messages = await h.Client.SendAsync(ClaudeCodeRequest.Messages(stream: false, acceptEncoding: "identity"));
        using var count = await h.Client.SendAsync(ClaudeCodeRequest.Post("/anything/v1/messages/count_tokens?beta=true", ClaudeCodeRequest.Body(), acceptEncoding: null));
        await messages.Content.ReadAsByteArrayAsync();
        await count.Content.ReadAsByteArrayAsync();

        // The mock routes only /v1/ paths, so the custom path is its 404: proof of where the call went.
        Assert.Equal(404, (int)messages.StatusCode);
        Assert.Equal(200, (int)count.StatusCode);
        Assert.Equal(["/custom/messages?beta=true", "/v1/messages/count_tokens?beta=true"], h.Mock.Requests.Select(r => r.PathAndQuery));
        Assert.All(h.Mock.Requests, r => Assert.Equal(AiProxySetup.ConfiguredKey, r.Headers["x-api-key"]));
    }

    [Fact]
    public async Task AllowOverride_ClientSendsOwnKey_ClientKeyReachesMock()
    {
        await using var h = await AiProxyHarness.StartAsync(
            new AiProxySetup { Auth = ["allow_override: true"] },
            new MockAnthropic.MockAnthropicOptions { ExpectedApiKey = ClaudeCodeRequest.ClientKey });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages(stream: false));
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(200, (int)response.StatusCode);
        var seen = await h.SingleRecordedAsync();
        Assert.Equal(ClaudeCodeRequest.ClientKey, seen.Headers["x-api-key"]);
        Assert.Equal(ClaudeCodeRequest.ClientBearer, seen.Headers["authorization"]);
    }

    [Fact]
    public async Task AllowOverride_ClientSendsNoKey_ConfiguredKeyReachesMock()
    {
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { Auth = ["allow_override: true"] });
        using var request = ClaudeCodeRequest.Messages(stream: false);
        request.Headers.Remove("x-api-key");

        using var response = await h.Client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(200, (int)response.StatusCode);
        var seen = await h.SingleRecordedAsync();
        Assert.Equal(AiProxySetup.ConfiguredKey, seen.Headers["x-api-key"]);
        Assert.False(seen.Headers.ContainsKey("authorization"), "the client's bearer went along with the operator's key");
    }

    internal static void AssertZeroTokens(System.Text.Json.Nodes.JsonNode usage)
    {
        Assert.Equal(0, usage["prompt_tokens"]!.GetValue<long>());
        Assert.Equal(0, usage["completion_tokens"]!.GetValue<long>());
        Assert.Equal(0, usage["total_tokens"]!.GetValue<long>());
        Assert.Equal(0d, usage["cost"]!.GetValue<double>());
    }
}
