using System.Text;
using Gateway.Plugins.AiProxy.Configuration;
using Gateway.Plugins.AiProxy.OpenAiUpstream;
using Gateway.Plugins.AiProxy.Tests.Support;
using Gateway.Plugins.Testing;
using static Gateway.Plugins.AiProxy.Tests.OpenAiUpstream.OpenAiProviderSupport;

namespace Gateway.Plugins.AiProxy.Tests.OpenAiUpstream;

/// <summary><c>provider: openai</c>/<c>azure</c> with <c>llm_format: openai</c>: where the call goes, with which
/// credentials, and which bytes of the body change.</summary>
public sealed class OpenAiProviderAccessTests
{
    private const string Plain = """{ "model" : "gpt-4.1-mini", "messages":[{"role":"user","content":"hi"}], "temperature": 0.20 }""";

    public static TheoryData<string, string, int, string, string> Endpoints => new()
    {
        { "{}", "https://api.openai.com", 443, "/v1/chat/completions", "/v1/models" },
        { """{"upstream_url":"http://127.0.0.1:11434"}""", "http://127.0.0.1", 11434, "/v1/chat/completions", "/v1/models" },
        { """{"upstream_url":"http://localhost:8000/v1/chat/completions"}""", "http://localhost", 8000, "/v1/chat/completions", "/v1/models" },
        { """{"upstream_url":"https://openrouter.ai/api/v1/chat/completions"}""", "https://openrouter.ai", 443, "/api/v1/chat/completions", "/api/v1/models" },
    };

    /// <summary>Hosts the test cannot reach (api.openai.com, openrouter.ai) are checked on the endpoint the configure
    /// phase prepares; the paths are also checked through the gateway below.</summary>
    [Theory]
    [MemberData(nameof(Endpoints))]
    public void Endpoint_IsTheProvidersChatCompletionsPath(string options, string origin, int port, string chat, string models)
    {
        var endpoint = OpenAiEndpoint.Parse(PluginConfig.Bind<AiProxyConfig>(OpenAiProvider(options: options).ToJsonString()).ValidModel);

        Assert.Equal(origin, endpoint.Scheme + "://" + endpoint.Host);
        Assert.Equal(port, endpoint.Port);
        Assert.Equal(chat, endpoint.ChatPath);
        Assert.Equal(models, endpoint.ModelsPath);
        Assert.Equal("", endpoint.Query);
    }

    [Theory]
    [InlineData("", "/v1/chat/completions")]
    [InlineData("/v1/chat/completions", "/v1/chat/completions")]
    [InlineData("/api/v1/chat/completions", "/api/v1/chat/completions")]
    public async Task Chat_GoesToTheProvidersChatCompletionsPath(string upstreamPath, string expected)
    {
        var sent = await UpstreamRequestAsync(Plain, upstreamPath: upstreamPath);

        Assert.Equal("POST", sent.Method);
        Assert.Equal(expected, sent.PathAndQuery);
    }

    [Theory]
    [InlineData("", "/v1/models")]
    [InlineData("/api/v1/chat/completions", "/api/v1/models")]
    public async Task Models_GoesBesideTheChatPath(string upstreamPath, string expected)
    {
        await using var gateway = await StartAsync(upstreamPath: upstreamPath,
            upstream: AiProxyGateway.Respond(200, "application/json", [Encoding.UTF8.GetBytes("""{"object":"list","data":[]}""")]));

        var (response, body) = await gateway.SendAsync(ChatRequest(body: null, path: "/v1/models", method: "GET"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("""{"object":"list","data":[]}""", Encoding.UTF8.GetString(body)); // the provider's list as it is
        Assert.Equal(expected, Assert.Single(gateway.UpstreamRequests).PathAndQuery);
    }

    [Fact]
    public async Task Credentials_AreTheConfiguredBearerAndNoAnthropicVersionIsWritten()
    {
        await using var gateway = await StartAsync();
        var request = ChatRequest(Plain);
        request.Headers.TryAddWithoutValidation("anthropic-version", "2023-01-01");

        await gateway.SendAsync(request);

        var headers = Assert.Single(gateway.UpstreamRequests).Headers;
        Assert.Equal("Bearer " + Key, headers["Authorization"]);
        Assert.False(headers.ContainsKey("x-api-key"));
        Assert.Equal("2023-01-01", headers["anthropic-version"]); // the client's, not a configured one
        var entry = await gateway.NextLogEntryAsync();
        Assert.DoesNotContain(Key, entry.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("REDACTED", entry.GetProperty("request").GetProperty("headers").GetProperty("authorization").GetString());
    }

    [Fact]
    public void Azure_BuildsTheDeploymentUrlWithApiVersion()
    {
        var config = PluginConfig.Bind<AiProxyConfig>(Azure("""{"azure_instance":"contoso","azure_deployment_id":"gpt-4o-prod","azure_api_version":"2024-10-21"}""").ToJsonString());

        var endpoint = OpenAiEndpoint.Parse(config.ValidModel);

        Assert.Equal("https://contoso.openai.azure.com:443", $"{endpoint.Scheme}://{endpoint.Host}:{endpoint.Port}");
        Assert.Equal("/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21", endpoint.ChatPath + endpoint.Query);
    }

    [Fact]
    public async Task Azure_WithUpstreamUrlWithoutPath_KeepsTheDeploymentPathAndSendsTheApiKeyHeader()
    {
        var config = Azure("""{"azure_deployment_id":"gpt-4o-prod","azure_api_version":"2024-10-21"}""");

        var sent = await UpstreamRequestAsync("""{"messages":[{"role":"user","content":"hi"}]}""", config);

        Assert.Equal("/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21", sent.PathAndQuery);
        Assert.Equal(Key, sent.Headers["api-key"]);
        Assert.False(sent.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Azure_WithoutApiVersion_UsesKongsDefault()
    {
        var sent = await UpstreamRequestAsync("""{"messages":[{"role":"user","content":"hi"}]}""", Azure("""{"azure_deployment_id":"gpt-4o-prod"}"""));

        Assert.Equal("/openai/deployments/gpt-4o-prod/chat/completions?api-version=2023-05-15", sent.PathAndQuery);
    }

    [Fact]
    public async Task NonStreamingBody_GoesByteForByteAsSent()
    {
        var sent = await UpstreamRequestAsync(Plain);

        Assert.Equal(Plain, sent.BodyText);
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
    public async Task StreamWithoutIncludeUsage_GetsIncludeUsageAndNothingElseChanges(string body, string expected)
    {
        var sent = await UpstreamRequestAsync(body);

        Assert.Equal(expected, sent.BodyText);
        Assert.Equal("identity", sent.Headers["Accept-Encoding"]);
    }

    [Fact]
    public async Task StreamThatAskedForUsage_GoesAsSent()
    {
        const string Body = """{"model":"m","messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true}}""";

        var sent = await UpstreamRequestAsync(Body);

        Assert.Equal(Body, sent.BodyText);
    }

    [Fact]
    public async Task PinnedModel_OtherModelRequested_IsRefusedInOpenAiShapeWithKongsMessage()
    {
        var (status, error) = await RefusalAsync(Plain, OpenAiProvider(model: "gpt-4.1"));

        Assert.Equal(400, status);
        Assert.Equal("cannot use own model - must be: gpt-4.1", error["message"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task PinnedModel_RequestWithoutModel_GetsThePinnedOneWrittenIn()
    {
        var sent = await UpstreamRequestAsync("""{"messages":[{"role":"user","content":"hi"}]}""", OpenAiProvider(model: "gpt-4.1"));

        Assert.Equal("""{"model":"gpt-4.1","messages":[{"role":"user","content":"hi"}]}""", sent.BodyText);
    }

    [Theory]
    [InlineData("""{"model":"m"}""")]
    [InlineData("not json")]
    public async Task BodyWithoutMessages_IsRefusedWithKongsMessage(string body)
    {
        var (status, error) = await RefusalAsync(body);

        Assert.Equal(400, status);
        Assert.Equal("request body doesn't contain valid prompts", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConfiguredTemperature_ReplacesTheClientsValueInPlace()
    {
        var sent = await UpstreamRequestAsync(Plain, OpenAiProvider(options: """{"temperature":0.7}"""));

        Assert.Equal(Plain.Replace("0.20", "0.7", StringComparison.Ordinal), sent.BodyText);
    }
}
