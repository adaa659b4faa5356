using System.Text;
using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Tests.Support;
using static Gateway.Plugins.AiProxy.Tests.OpenAiUpstream.OpenAiProviderSupport;

namespace Gateway.Plugins.AiProxy.Tests.OpenAiUpstream;

/// <summary><c>provider: openai</c>/<c>azure</c> with <c>llm_format: openai</c>: where the call goes, with which
/// credentials, and which bytes of the body change.</summary>
public sealed class OpenAiProviderAccessTests
{
    private const string ChatPath = "/v1/chat/completions";
    private const string Plain = """{ "model" : "gpt-4.1-mini", "messages":[{"role":"user","content":"hi"}], "temperature": 0.20 }""";

    public static TheoryData<string, string, int, string> Endpoints => new()
    {
        { "{}", "https://api.openai.com", 443, "/v1/chat/completions" },
        { """{"upstream_url":"http://127.0.0.1:11434"}""", "http://127.0.0.1", 11434, "/v1/chat/completions" },
        { """{"upstream_url":"http://localhost:8000/v1/chat/completions"}""", "http://localhost", 8000, "/v1/chat/completions" },
        { """{"upstream_url":"https://openrouter.ai/api/v1/chat/completions"}""", "https://openrouter.ai", 443, "/api/v1/chat/completions" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Chat_GoesToTheProvidersChatCompletionsPath(string options, string origin, int port, string path)
    {
        var context = await PluginHarness.AccessAsync(OpenAiProvider(options: options), ChatPath, Plain);

        Assert.Null(context.ExitResponse);
        Assert.Equal(origin, context.Upstream.Scheme + "://" + context.Upstream.Host);
        Assert.Equal(port, context.Upstream.Port);
        Assert.Equal(path, context.Upstream.Path);
        Assert.False(context.Upstream.PreserveHost);
    }

    [Theory]
    [InlineData("{}", "/v1/models")]
    [InlineData("""{"upstream_url":"https://openrouter.ai/api/v1/chat/completions"}""", "/api/v1/models")]
    public async Task Models_GoesBesideTheChatPath(string options, string expected)
    {
        var context = await PluginHarness.AccessAsync(OpenAiProvider(options: options), "/v1/models", body: null, method: "GET");

        Assert.Null(context.ExitResponse);
        Assert.Equal(expected, context.Upstream.Path);
    }

    [Fact]
    public async Task Credentials_AreTheConfiguredBearerAndNoAnthropicVersionIsWritten()
    {
        var context = await PluginHarness.AccessAsync(OpenAiProvider(), ChatPath, Plain);

        var headers = context.HttpContext.Request.Headers;
        Assert.Equal("Bearer " + Key, headers.Authorization.ToString());
        Assert.False(headers.ContainsKey("x-api-key"));
        Assert.Equal("2023-01-01", headers["anthropic-version"].ToString()); // the client's, not a configured one
        Assert.Contains("Authorization", context.RedactedHeaders);
    }

    [Fact]
    public async Task Azure_BuildsTheDeploymentUrlWithApiVersionAndApiKeyHeader()
    {
        var config = Azure("""{"azure_instance":"contoso","azure_deployment_id":"gpt-4o-prod","azure_api_version":"2024-10-21"}""");

        var context = await PluginHarness.AccessAsync(config, ChatPath, """{"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Null(context.ExitResponse);
        Assert.Equal("https://contoso.openai.azure.com:443", $"{context.Upstream.Scheme}://{context.Upstream.Host}:{context.Upstream.Port}");
        Assert.Equal("/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21", context.Upstream.PathAndQuery);
        Assert.Equal(Key, context.HttpContext.Request.Headers["api-key"].ToString());
        Assert.True(string.IsNullOrEmpty(context.HttpContext.Request.Headers.Authorization));
    }

    [Fact]
    public async Task Azure_WithUpstreamUrlWithoutPath_KeepsTheDeploymentPathOnThatHost()
    {
        var config = Azure("""{"upstream_url":"http://127.0.0.1:9000","azure_deployment_id":"gpt-4o-prod"}""");

        var context = await PluginHarness.AccessAsync(config, ChatPath, """{"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal("127.0.0.1", context.Upstream.Host);
        Assert.Equal(9000, context.Upstream.Port);
        Assert.Equal("/openai/deployments/gpt-4o-prod/chat/completions?api-version=2023-05-15", context.Upstream.PathAndQuery);
    }

    [Fact]
    public async Task NonStreamingBody_GoesByteForByteAsSent()
    {
        var context = await PluginHarness.AccessAsync(OpenAiProvider(), ChatPath, Plain);

        Assert.Null(context.ExitResponse);
        Assert.Null(context.ReplacedBody);
    }

    public static TheoryData<string, string> StreamBodies => new()
    {
        // Asked by the gateway: the option is added, everything else stays where and how it was.
        {
            """{"model":"m","messages":[{"role":"user","content":"hi"}],"stream":true}""",
            """{"stream_options":{"include_usage":true},"model":"m","messages":[{"role":"user","content":"hi"}],"stream":true}"""
        },
        {
            """{"model":"m","stream_options":{"include_usage":false},"messages":[{"role":"user","content":"hi"}],"stream":true}""",
            """{"model":"m","stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}],"stream":true}"""
        },
        {
            """{"model":"m","stream_options":{"include_obfuscation":false},"messages":[{"role":"user","content":"hi"}],"stream":true}""",
            """{"model":"m","stream_options":{"include_obfuscation":false,"include_usage":true},"messages":[{"role":"user","content":"hi"}],"stream":true}"""
        },
    };

    [Theory]
    [MemberData(nameof(StreamBodies))]
    public async Task StreamWithoutIncludeUsage_GetsIncludeUsageAndNothingElseChanges(string sent, string expected)
    {
        var context = await PluginHarness.AccessAsync(OpenAiProvider(), ChatPath, sent);

        Assert.Null(context.ExitResponse);
        Assert.Equal(expected, Encoding.UTF8.GetString(context.ReplacedBody!.Value.Span));
        Assert.Equal("identity", context.HttpContext.Request.Headers.AcceptEncoding.ToString());
    }

    [Fact]
    public async Task StreamThatAskedForUsage_GoesAsSent()
    {
        var context = await PluginHarness.AccessAsync(OpenAiProvider(), ChatPath,
            """{"model":"m","messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true}}""");

        Assert.Null(context.ExitResponse);
        Assert.Null(context.ReplacedBody);
    }

    [Fact]
    public async Task PinnedModel_OtherModelRequested_IsRefusedInOpenAiShapeWithKongsMessage()
    {
        var context = await PluginHarness.AccessAsync(OpenAiProvider(model: "gpt-4.1"), ChatPath, Plain);

        var (status, body, _) = context.ExitResponse!.Value;
        Assert.Equal(400, status);
        var error = JsonNode.Parse(body!)!["error"]!;
        Assert.Equal("cannot use own model - must be: gpt-4.1", error["message"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task PinnedModel_RequestWithoutModel_GetsThePinnedOneWrittenIn()
    {
        var context = await PluginHarness.AccessAsync(OpenAiProvider(model: "gpt-4.1"), ChatPath, """{"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal("""{"model":"gpt-4.1","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8.GetString(context.ReplacedBody!.Value.Span));
    }

    [Theory]
    [InlineData("""{"model":"m"}""")]
    [InlineData("not json")]
    public async Task BodyWithoutMessages_IsRefusedWithKongsMessage(string body)
    {
        var context = await PluginHarness.AccessAsync(OpenAiProvider(), ChatPath, body);

        var (status, json, _) = context.ExitResponse!.Value;
        Assert.Equal(400, status);
        Assert.Equal("request body doesn't contain valid prompts", JsonNode.Parse(json!)!["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConfiguredTemperature_ReplacesTheClientsValueInPlace()
    {
        var context = await PluginHarness.AccessAsync(OpenAiProvider(options: """{"temperature":0.7}"""), ChatPath, Plain);

        Assert.Equal(Plain.Replace("0.20", "0.7", StringComparison.Ordinal), Encoding.UTF8.GetString(context.ReplacedBody!.Value.Span));
    }
}
