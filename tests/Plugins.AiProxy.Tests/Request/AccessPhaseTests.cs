using System.Text;
using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Configuration;
using Gateway.Plugins.AiProxy.Tests.Support;
using static Gateway.Plugins.AiProxy.Tests.Support.PluginHarness;

namespace Gateway.Plugins.AiProxy.Tests.Request;

public sealed class AccessPhaseTests
{
    [Fact]
    public async Task Access_ClaudeCodeStreamRequest_GoesToAnthropicUnchanged()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial, "/v1/messages");

        Assert.Null(context.ExitResponse);
        Assert.Null(context.ReplacedBody); // the body goes as read
        Assert.Equal("https://api.anthropic.com:443/v1/messages?beta=true",
            $"{context.Upstream.Scheme}://{context.Upstream.Host}:{context.Upstream.Port}{context.Upstream.PathAndQuery}");
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
        var context = await AccessAsync(ConfigBinder.Tutorial, body: body);

        AssertExit(context, status, type, message);
    }

    [Fact]
    public async Task Access_BodyOverLimit_Exits413RequestTooLarge()
    {
        var config = With(c => c with { MaxRequestBodySize = 64 });

        var context = await AccessAsync(config, body: ClaudeCodeBody + new string(' ', 100));

        AssertExit(context, 413, "request_too_large", "request body is larger than max_request_body_size (64 bytes)");
    }

    [Fact]
    public async Task Access_ZeroLimit_MeansUnlimited()
    {
        var big = """{"model":"claude-sonnet-4-5-20250929","messages":[{"role":"user","content":""" + "\"" + new string('a', 2_000_000) + "\"}]}";

        var context = await AccessAsync(With(c => c with { MaxRequestBodySize = 0 }), body: big);

        Assert.Null(context.ExitResponse);
    }

    [Fact]
    public async Task Access_StreamWhenDenied_Exits400()
    {
        var context = await AccessAsync(With(c => c with { ResponseStreaming = ResponseStreaming.Deny }));

        AssertExit(context, 400, "invalid_request_error", "response streaming is not enabled for this LLM");
    }

    [Fact]
    public async Task Access_NonStreamWhenDenied_Passes()
    {
        var context = await AccessAsync(With(c => c with { ResponseStreaming = ResponseStreaming.Deny }),
            body: """{"model":"claude-sonnet-4-5-20250929","messages":[1],"stream":false}""");

        Assert.Null(context.ExitResponse);
    }

    [Theory]
    [InlineData("""{"model":"claude-sonnet-4-5-20250929","messages":[1],"stream":false}""", """{"model":"claude-sonnet-4-5-20250929","messages":[1],"stream":true}""")]
    [InlineData("""{"model":"claude-sonnet-4-5-20250929","messages":[1]}""", """{"stream":true,"model":"claude-sonnet-4-5-20250929","messages":[1]}""")]
    public async Task Access_StreamingAlways_WritesStreamTrueIntoTheBody(string body, string sent)
    {
        var context = await AccessAsync(With(c => c with { ResponseStreaming = ResponseStreaming.Always }), body: body);

        Assert.Equal(sent, Encoding.UTF8.GetString(context.ReplacedBody!.Value.Span));
        Assert.Equal("identity", context.HttpContext.Request.Headers.AcceptEncoding); // now a stream
    }

    [Fact]
    public async Task Access_StreamingAlwaysAndAlreadyStreaming_LeavesBodyAlone()
    {
        var context = await AccessAsync(With(c => c with { ResponseStreaming = ResponseStreaming.Always }));

        Assert.Null(context.ReplacedBody);
    }

    [Fact]
    public async Task Access_BodyWithoutModel_GetsThePinnedModel()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial, body: """{"messages":[1],"stream":true}""");

        Assert.Null(context.ExitResponse);
        Assert.Equal("""{"model":"claude-sonnet-4-5-20250929","messages":[1],"stream":true}""",
            Encoding.UTF8.GetString(context.ReplacedBody!.Value.Span));
    }

    [Fact]
    public async Task Access_NoPinnedModel_UsesTheBodysModel()
    {
        var config = With(c => c with { Model = c.ValidModel with { Name = null } });

        var context = await AccessAsync(config, body: """{"model":"claude-3-5-haiku-20241022","messages":[1]}""");

        Assert.Null(context.ExitResponse);
        Assert.Null(context.ReplacedBody);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("""{"name":"claude-3-5-haiku-20241022"}""")]
    public async Task Access_NoPinnedModelAndBodyModelNotAString_Exits400(string model)
    {
        var config = With(c => c with { Model = c.ValidModel with { Name = null } });

        var context = await AccessAsync(config, body: $$"""{"model":{{model}},"messages":[1]}""");

        AssertExit(context, 400, "invalid_request_error", "model must be a string");
    }

    [Fact]
    public async Task Access_NoModelAnywhere_Exits400()
    {
        var config = With(c => c with { Model = c.ValidModel with { Name = null } });

        var context = await AccessAsync(config, body: """{"messages":[1]}""");

        AssertExit(context, 400, "invalid_request_error", "model parameter not found in request, nor in gateway configuration");
    }

    [Fact]
    public async Task Access_TuningOptions_OverrideTheBody()
    {
        var config = WithOptions(ConfigBinder.Tutorial.ValidModel.Options with { MaxTokens = 1024, Temperature = 0.5, TopK = 40 });

        var context = await AccessAsync(config);

        var sent = JsonNode.Parse(context.ReplacedBody!.Value.Span)!;
        Assert.Equal(1024, sent["max_tokens"]!.GetValue<int>());
        Assert.Equal(0.5, sent["temperature"]!.GetValue<double>());
        Assert.Equal(40, sent["top_k"]!.GetValue<int>());
        Assert.Null(sent["top_p"]);
        Assert.True(sent["stream"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Access_CountTokensWithOtherModel_IsProxiedUnchecked()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial, "/v1/messages/count_tokens",
            """{"model":"claude-3-5-haiku-20241022","messages":[1]}""");

        Assert.Null(context.ExitResponse);
        Assert.Null(context.ReplacedBody);
        Assert.Equal("/v1/messages/count_tokens", context.Upstream.Path);
        Assert.Equal("sk-ant-test", context.HttpContext.Request.Headers["x-api-key"]);
    }

    [Fact]
    public async Task Access_ModelsGet_IsProxiedWithTheKey()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial, "/v1/models", body: null, method: "GET");

        Assert.Null(context.ExitResponse);
        Assert.Equal("/v1/models", context.Upstream.Path);
        Assert.Equal("?beta=true", context.Upstream.Query);
        Assert.Equal("sk-ant-test", context.HttpContext.Request.Headers["x-api-key"]);
    }

    [Fact]
    public async Task Access_OtherPathOutsideV1_GoesToMessages()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial, "/chat");

        Assert.Equal("/v1/messages", context.Upstream.Path);
    }

    private static void AssertExit(Gateway.TestCommon.FakePluginContext context, int status, string type, string message)
    {
        var (actualStatus, body, contentType) = context.ExitResponse!.Value;
        Assert.Equal(status, actualStatus);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        var json = JsonNode.Parse(body!)!;
        Assert.Equal("error", json["type"]!.GetValue<string>());
        Assert.Equal(type, json["error"]!["type"]!.GetValue<string>());
        Assert.Equal(message, json["error"]!["message"]!.GetValue<string>()); // also Kong's error.message
    }
}
