using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Tests.Support;
using static Gateway.Plugins.AiProxy.Tests.Support.AiProxyGateway;

namespace Gateway.Plugins.AiProxy.Tests.Request;

public sealed class AccessPhaseTests
{
    [Fact]
    public async Task Access_ClaudeCodeStreamRequest_GoesToAnthropicUnchanged()
    {
        await using var gateway = await StartAsync();

        var (response, _) = await gateway.SendAsync(ClaudeCodeRequest("/v1/messages"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(gateway.UpstreamRequests);
        Assert.Equal("POST", seen.Method);
        Assert.Equal("/v1/messages?beta=true", seen.PathAndQuery);
        Assert.Equal(ClaudeCodeBody, seen.BodyText); // the body goes as read
    }

    public static TheoryData<string, int, string, string> Rejections => new()
    {
        { "", 400, "invalid_request_error", "request body doesn't contain valid prompts" },
        { "not json", 400, "invalid_request_error", "request body doesn't contain valid prompts" },
        { """{"model":"claude-sonnet-4-5-20250929"}""", 400, "invalid_request_error", "request body doesn't contain valid prompts" },
        { """{"model":"claude-sonnet-4-5-20250929","messages":[]}""", 400, "invalid_request_error", "request body doesn't contain valid prompts" },
        { """{"model":"claude-3-5-haiku-20241022","messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request_error", "cannot use own model - must be: claude-sonnet-4-5-20250929" },
        { """{"model":42,"messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request_error", "cannot use own model - must be: claude-sonnet-4-5-20250929" },
        { """{"model":null,"messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request_error", "cannot use own model - must be: claude-sonnet-4-5-20250929" },
        { """{"model":{"name":"claude-sonnet-4-5-20250929"},"messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request_error", "cannot use own model - must be: claude-sonnet-4-5-20250929" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task Access_InvalidBody_ExitsWithAnthropicError(string body, int status, string type, string message)
    {
        await using var gateway = await StartAsync();

        var (response, content) = await gateway.SendAsync(ClaudeCodeRequest(body: body));

        gateway.AssertExit(response, content, status, type, message);
    }

    [Fact]
    public async Task Access_BodyOverLimit_Exits413RequestTooLarge()
    {
        await using var gateway = await StartAsync(Tutorial(c => c["max_request_body_size"] = 64));

        var (response, content) = await gateway.SendAsync(ClaudeCodeRequest(body: ClaudeCodeBody + new string(' ', 100)));

        gateway.AssertExit(response, content, 413, "request_too_large", "request body is larger than max_request_body_size (64 bytes)");
    }

    [Fact]
    public async Task Access_ZeroLimit_MeansUnlimited()
    {
        var big = """{"model":"claude-sonnet-4-5-20250929","messages":[{"role":"user","content":""" + "\"" + new string('a', 2_000_000) + "\"}]}";
        await using var gateway = await StartAsync(Tutorial(c => c["max_request_body_size"] = 0));

        var (response, _) = await gateway.SendAsync(ClaudeCodeRequest(body: big));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(big.Length, Assert.Single(gateway.UpstreamRequests).Body.Length);
    }

    [Fact]
    public async Task Access_StreamWhenDenied_Exits400()
    {
        await using var gateway = await StartAsync(Tutorial(c => c["response_streaming"] = "deny"));

        var (response, content) = await gateway.SendAsync(ClaudeCodeRequest());

        gateway.AssertExit(response, content, 400, "invalid_request_error", "response streaming is not enabled for this LLM");
    }

    [Fact]
    public async Task Access_NonStreamWhenDenied_Passes()
    {
        await using var gateway = await StartAsync(Tutorial(c => c["response_streaming"] = "deny"));

        await gateway.SendAsync(ClaudeCodeRequest(body: """{"model":"claude-sonnet-4-5-20250929","messages":[1],"stream":false}"""));

        Assert.Single(gateway.UpstreamRequests);
    }

    [Theory]
    [InlineData("""{"model":"claude-sonnet-4-5-20250929","messages":[1],"stream":false}""", """{"model":"claude-sonnet-4-5-20250929","messages":[1],"stream":true}""")]
    [InlineData("""{"model":"claude-sonnet-4-5-20250929","messages":[1]}""", """{"stream":true,"model":"claude-sonnet-4-5-20250929","messages":[1]}""")]
    public async Task Access_StreamingAlways_WritesStreamTrueIntoTheBody(string body, string sent)
    {
        await using var gateway = await StartAsync(Tutorial(c => c["response_streaming"] = "always"));

        await gateway.SendAsync(ClaudeCodeRequest(body: body));

        var seen = Assert.Single(gateway.UpstreamRequests);
        Assert.Equal(sent, seen.BodyText);
        Assert.Equal("identity", seen.Headers["Accept-Encoding"]); // now a stream
    }

    [Fact]
    public async Task Access_StreamingAlwaysAndAlreadyStreaming_LeavesBodyAlone()
    {
        await using var gateway = await StartAsync(Tutorial(c => c["response_streaming"] = "always"));

        await gateway.SendAsync(ClaudeCodeRequest());

        Assert.Equal(ClaudeCodeBody, Assert.Single(gateway.UpstreamRequests).BodyText);
    }

    [Fact]
    public async Task Access_BodyWithoutModel_GetsThePinnedModel()
    {
        await using var gateway = await StartAsync();

        await gateway.SendAsync(ClaudeCodeRequest(body: """{"messages":[1],"stream":true}"""));

        Assert.Equal("""{"model":"claude-sonnet-4-5-20250929","messages":[1],"stream":true}""", Assert.Single(gateway.UpstreamRequests).BodyText);
    }

    [Fact]
    public async Task Access_NoPinnedModel_UsesTheBodysModel()
    {
        await using var gateway = await StartAsync(Tutorial(c => c["model"]!.AsObject().Remove("name")));

        await gateway.SendAsync(ClaudeCodeRequest(body: """{"model":"claude-3-5-haiku-20241022","messages":[1]}"""));

        Assert.Equal("""{"model":"claude-3-5-haiku-20241022","messages":[1]}""", Assert.Single(gateway.UpstreamRequests).BodyText);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("""{"name":"claude-3-5-haiku-20241022"}""")]
    public async Task Access_NoPinnedModelAndBodyModelNotAString_Exits400(string model)
    {
        await using var gateway = await StartAsync(Tutorial(c => c["model"]!.AsObject().Remove("name")));

        var (response, content) = await gateway.SendAsync(ClaudeCodeRequest(body: $$"""{"model":{{model}},"messages":[1]}"""));

        gateway.AssertExit(response, content, 400, "invalid_request_error", "model must be a string");
    }

    [Fact]
    public async Task Access_NoModelAnywhere_Exits400()
    {
        await using var gateway = await StartAsync(Tutorial(c => c["model"]!.AsObject().Remove("name")));

        var (response, content) = await gateway.SendAsync(ClaudeCodeRequest(body: """{"messages":[1]}"""));

        gateway.AssertExit(response, content, 400, "invalid_request_error", "model parameter not found in request, nor in gateway configuration");
    }

    [Fact]
    public async Task Access_TuningOptions_OverrideTheBody()
    {
        await using var gateway = await StartAsync(Tutorial(c =>
        {
            c.Options()["max_tokens"] = 1024;
            c.Options()["temperature"] = 0.5;
            c.Options()["top_k"] = 40;
        }));

        await gateway.SendAsync(ClaudeCodeRequest());

        var sent = JsonNode.Parse(Assert.Single(gateway.UpstreamRequests).BodyText)!;
        Assert.Equal(1024, sent["max_tokens"]!.GetValue<int>());
        Assert.Equal(0.5, sent["temperature"]!.GetValue<double>());
        Assert.Equal(40, sent["top_k"]!.GetValue<int>());
        Assert.Null(sent["top_p"]);
        Assert.True(sent["stream"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Access_CountTokensWithOtherModel_IsProxiedUnchecked()
    {
        const string body = """{"model":"claude-3-5-haiku-20241022","messages":[1]}""";
        await using var gateway = await StartAsync();

        await gateway.SendAsync(ClaudeCodeRequest("/v1/messages/count_tokens", body));

        var seen = Assert.Single(gateway.UpstreamRequests);
        Assert.Equal(body, seen.BodyText);
        Assert.Equal("/v1/messages/count_tokens?beta=true", seen.PathAndQuery);
        Assert.Equal("sk-ant-test", seen.Headers["x-api-key"]);
    }

    [Fact]
    public async Task Access_ModelsGet_IsProxiedWithTheKey()
    {
        await using var gateway = await StartAsync();

        await gateway.SendAsync(ClaudeCodeRequest("/v1/models", body: null, method: "GET"));

        var seen = Assert.Single(gateway.UpstreamRequests);
        Assert.Equal("GET", seen.Method);
        Assert.Equal("/v1/models?beta=true", seen.PathAndQuery);
        Assert.Equal("sk-ant-test", seen.Headers["x-api-key"]);
    }

    [Fact]
    public async Task Access_OtherPathOutsideV1_GoesToMessages()
    {
        await using var gateway = await StartAsync();

        await gateway.SendAsync(ClaudeCodeRequest("/chat"));

        Assert.Equal("/v1/messages?beta=true", Assert.Single(gateway.UpstreamRequests).PathAndQuery);
    }

    [Fact]
    public async Task Access_RequestBody_IsReadByTheHostAndForwardedIntact()
    {
        // Large enough to arrive in several reads: ai-proxy buffers it through the host's ReadRequestBodyAsync.
        var content = new string('x', 300_000);
        var body = $$"""{"model":"claude-sonnet-4-5-20250929","messages":[{"role":"user","content":"{{content}}"}]}""";
        await using var gateway = await StartAsync();

        await gateway.SendAsync(ClaudeCodeRequest(body: body));

        Assert.Equal(Encoding.UTF8.GetBytes(body), Assert.Single(gateway.UpstreamRequests).Body.ToArray());
    }
}
