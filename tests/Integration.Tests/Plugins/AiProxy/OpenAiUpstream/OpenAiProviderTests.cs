using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.MockAnthropic;
using OpenAI;
using OpenAI.Chat;

namespace Gateway.Integration.Tests.Plugins.AiProxy.OpenAiUpstream;

/// <summary>
/// <c>llm_format: openai</c> with <c>provider: openai</c> / <c>azure</c> through the real gateway to the mock's
/// OpenAI side: the official OpenAI .NET SDK reads every answer, the mock records what arrived, and the log line's
/// usage is what the mock reported.
/// </summary>
public sealed class OpenAiProviderTests
{
    private const string Key = "sk-proj-configured-test-key";
    private const string Model = "gpt-4.1-mini";
    private const string MockAnswer = "Hello from the mock Anthropic server.";

    [Fact]
    public async Task Sdk_Plain_ReachesTheProviderWithTheConfiguredBearerAndLogsItsUsage()
    {
        await using var h = await StartOpenAiAsync();

        var result = await Chat(h).CompleteChatAsync([new SystemChatMessage("Be brief."), new UserChatMessage("hi")]);

        Assert.Equal(MockAnswer, Assert.Single(result.Value.Content).Text);
        var recorded = await h.SingleRecordedAsync();
        Assert.Equal("/v1/chat/completions", recorded.PathAndQuery);
        Assert.Equal("Bearer " + Key, recorded.Headers["authorization"]);
        Assert.Equal(Model, JsonNode.Parse(recorded.Body)!["model"]!.GetValue<string>());
        var entry = await h.LogEntryAsync(RequestId(result.GetRawResponse()));
        AssertUsage(entry, recorded.ResponseUsage!);
        Assert.Equal("openai", entry["ai"]!["proxy"]!["meta"]!["provider_name"]!.GetValue<string>());
        Assert.DoesNotContain(Key, File.ReadAllText(h.LogPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sdk_Streaming_TextAndUsageArriveAndTheLogCountsTheSame()
    {
        await using var h = await StartOpenAiAsync();
        var text = new StringBuilder();
        ChatTokenUsage? usage = null;

        await foreach (var update in Chat(h).CompleteChatStreamingAsync([new UserChatMessage("[[mock:deltas:4]] hi")]))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            usage ??= update.Usage;
        }

        Assert.Equal(MockAnswer, text.ToString());
        var recorded = await h.SingleRecordedAsync();
        Assert.NotNull(usage);
        Assert.Equal(recorded.ResponseUsage!.OutputTokens, usage.OutputTokenCount);
        AssertUsage(await h.OnlyLogEntryAsync(), recorded.ResponseUsage);
    }

    [Fact]
    public async Task Sdk_ToolCallRoundTrip_KeepsTheCallIdAndEndsWithTheToolsOutput()
    {
        await using var h = await StartOpenAiAsync();
        var chat = Chat(h);
        var options = new ChatCompletionOptions
        {
            Tools = { ChatTool.CreateFunctionTool("Bash", "Run a shell command", BinaryData.FromString("""{"type":"object","properties":{"command":{"type":"string"}}}""")) },
        };
        List<ChatMessage> messages = [new UserChatMessage("[[mock:bash:ls -1]] list the files")];

        var first = (await chat.CompleteChatAsync(messages, options)).Value;
        var call = Assert.Single(first.ToolCalls);
        Assert.Equal("ls -1", JsonNode.Parse(call.FunctionArguments.ToString())!["command"]!.GetValue<string>());
        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(call.Id, "a.txt\nb.txt"));
        var second = (await chat.CompleteChatAsync(messages, options)).Value;

        Assert.Equal("Done: a.txt", Assert.Single(second.Content).Text);
        var sent = JsonNode.Parse(h.Mock.Requests[^1].Body)!["messages"]!.AsArray();
        Assert.Equal(call.Id, sent[^1]!["tool_call_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task RawStream_WithoutIncludeUsage_ClientSeesNoUsageChunkButTheLogHasTheUsage()
    {
        await using var h = await StartOpenAiAsync();
        using var content = new StringContent($$"""{"model":"{{Model}}","messages":[{"role":"user","content":"hi"}],"stream":true}""", Encoding.UTF8, "application/json");

        using var response = await h.Client.PostAsync("/anything/v1/chat/completions", content);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.DoesNotContain("\"usage\":{", body, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
        var recorded = await h.SingleRecordedAsync();
        Assert.True(JsonNode.Parse(recorded.Body)!["stream_options"]!["include_usage"]!.GetValue<bool>());
        AssertUsage(await h.LogEntryAsync(response), recorded.ResponseUsage!);
    }

    [Fact]
    public async Task ProviderError_ReachesTheSdkAsItsTypedErrorWithTheProvidersMessage()
    {
        await using var h = await StartOpenAiAsync();

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Chat(h).CompleteChatAsync([new UserChatMessage("[[mock:status:429]]")]));

        Assert.Equal(429, error.Status);
        Assert.Equal("rate_limit_exceeded", JsonNode.Parse(error.GetRawResponse()!.Content.ToString())!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Azure_GoesToTheDeploymentPathWithApiVersionAndApiKey()
    {
        await using var h = await AiProxyHarness.StartAsync(
            new AiProxySetup
            {
                LlmFormat = "openai",
                Provider = "azure",
                ModelName = "gpt-4o",
                AuthHeaderName = "api-key",
                AuthHeaderValue = Key,
                UpstreamPath = "",
                Options = ["azure_deployment_id: gpt-4o-prod", "azure_api_version: 2024-10-21"],
            },
            new MockAnthropicOptions { ExpectedApiKey = Key });
        var chat = new ChatClient("gpt-4o", new ApiKeyCredential("sk-client"), Options(h));

        var completion = (await chat.CompleteChatAsync([new UserChatMessage("hi")])).Value;

        Assert.Equal(MockAnswer, Assert.Single(completion.Content).Text);
        var recorded = await h.SingleRecordedAsync();
        Assert.Equal("/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21", recorded.PathAndQuery);
        Assert.Equal(Key, recorded.Headers["api-key"]);
        Assert.False(recorded.Headers.ContainsKey("authorization"));
        Assert.Equal("azure", (await h.OnlyLogEntryAsync())["ai"]!["proxy"]!["meta"]!["provider_name"]!.GetValue<string>());
    }

    private static Task<AiProxyHarness> StartOpenAiAsync() => AiProxyHarness.StartAsync(
        new AiProxySetup
        {
            LlmFormat = "openai",
            Provider = "openai",
            ModelName = Model,
            AuthHeaderName = "Authorization",
            AuthHeaderValue = "Bearer " + Key,
            UpstreamPath = "/v1/chat/completions",
        },
        new MockAnthropicOptions { ExpectedApiKey = Key });

    private static OpenAIClientOptions Options(AiProxyHarness h) => new()
    {
        Endpoint = new Uri(h.Gateway.BaseUri, "/anything/v1"),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    };

    private static ChatClient Chat(AiProxyHarness h) => new(Model, new ApiKeyCredential("sk-client-key-not-forwarded"), Options(h));

    private static string RequestId(PipelineResponse response) =>
        response.Headers.TryGetValue("X-Kong-Request-Id", out var id) ? id! : throw new InvalidOperationException("no request id");

    private static void AssertUsage(JsonNode entry, MockUsage mock)
    {
        var usage = entry["ai"]!["proxy"]!["usage"]!;
        Assert.Equal(mock.InputTokens + mock.CacheReadInputTokens, usage["prompt_tokens"]!.GetValue<long>());
        Assert.Equal(mock.OutputTokens, usage["completion_tokens"]!.GetValue<long>());
        Assert.Equal(mock.CacheReadInputTokens, usage["prompt_tokens_details"]!["cached_tokens"]!.GetValue<long>());
    }
}
