using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;

namespace Gateway.Integration.Tests.Plugins.AiProxy.OpenAi;

/// <summary>
/// The official OpenAI .NET SDK (pinned in Directory.Packages.props) against an <c>llm_format: openai</c> route
/// whose provider is the mock Anthropic server: the SDK parses every answer with its own models, so a shape it
/// cannot read fails here. The log line's usage is the mock's.
/// </summary>
public sealed class OpenAiSdkTests
{
    private const string Model = AiProxySetup.Model;
    private const string MockAnswer = "Hello from the mock Anthropic server.";

    [Fact]
    public async Task CompleteChat_Plain_AnswersInChatCompletionShapeAndLogsTheMocksUsage()
    {
        await using var h = await StartAsync();

        var result = await Chat(h).CompleteChatAsync([new SystemChatMessage("Be brief."), new UserChatMessage("hi")]);
        var completion = result.Value;

        Assert.Equal(MockAnswer, Assert.Single(completion.Content).Text);
        Assert.Equal((ChatFinishReason.Stop, Model, ChatMessageRole.Assistant), (completion.FinishReason, completion.Model, completion.Role));
        Assert.StartsWith("msg_", completion.Id, StringComparison.Ordinal);
        Assert.InRange(completion.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        var recorded = await h.SingleRecordedAsync();
        var sent = JsonNode.Parse(recorded.Body)!;
        Assert.Equal("/v1/messages", recorded.PathAndQuery);
        Assert.Equal("""[{"type":"text","text":"Be brief."}]""", sent["system"]!.ToJsonString());
        var mock = recorded.ResponseUsage!;
        Assert.Equal((mock.InputTokens, mock.OutputTokens), (completion.Usage.InputTokenCount, completion.Usage.OutputTokenCount));
        await AssertLoggedUsageIsTheMocksAsync(h, result.GetRawResponse(), mock);
    }

    [Fact]
    public async Task CompleteChatStreaming_TextArrivesInDeltasWithFinishAndUsage()
    {
        await using var h = await StartAsync();

        var text = new System.Text.StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        var updates = 0;
        await foreach (var update in Chat(h).CompleteChatStreamingAsync([new UserChatMessage("[[mock:deltas:5]] hi")]))
        {
            updates++;
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal(MockAnswer, text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.True(updates >= 7, $"{updates} updates: role, 5 deltas, finish and usage expected"); // streamed, not one blob
        var recorded = await h.SingleRecordedAsync();
        Assert.True(recorded.Streamed);
        var mock = recorded.ResponseUsage!;
        Assert.NotNull(usage);
        Assert.Equal((mock.InputTokens, 5), (usage.InputTokenCount, usage.OutputTokenCount));
        var entry = await h.OnlyLogEntryAsync();
        AssertUsage(entry, mock);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ToolCall_RoundTrip_ToolCallIdsAndResultsSurviveTheTranslation(bool streaming)
    {
        await using var h = await StartAsync();
        var chat = Chat(h);
        var options = new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("Bash", "Run a shell command",
            BinaryData.FromString("""{"type":"object","properties":{"command":{"type":"string"},"description":{"type":"string"}},"required":["command"]}""")) } };
        List<ChatMessage> messages = [new UserChatMessage("[[mock:bash:ls -1]] list the files")];

        var (id, name, arguments) = streaming ? await StreamToolCallAsync(chat, messages, options) : await ToolCallAsync(chat, messages, options);

        Assert.StartsWith("toolu_", id, StringComparison.Ordinal);
        Assert.Equal("Bash", name);
        Assert.Equal("ls -1", JsonNode.Parse(arguments)!["command"]!.GetValue<string>());
        messages.Add(new AssistantChatMessage([ChatToolCall.CreateFunctionToolCall(id, name, BinaryData.FromString(arguments))]));
        messages.Add(new ToolChatMessage(id, "notes.txt"));
        var answer = (await chat.CompleteChatAsync(messages, options)).Value;

        Assert.Equal("Done: notes.txt", Assert.Single(answer.Content).Text);
        var second = JsonNode.Parse(h.Mock.Requests[^1].Body)!["messages"]!.AsArray();
        Assert.Equal($$$"""{"role":"user","content":[{"type":"tool_result","tool_use_id":"{{{id}}}","content":"notes.txt"}]}""", second[^1]!.ToJsonString());
        Assert.Equal("tool_use", (string?)second[^2]!["content"]![0]!["type"]);
    }

    [Fact]
    public async Task ResponseFormat_JsonSchema_IsSentAsAnthropicStructuredOutput()
    {
        await using var h = await StartAsync();
        const string Schema = """{"type":"object","properties":{"n":{"type":"integer"}},"required":["n"],"additionalProperties":false}""";
        var options = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("answer", BinaryData.FromString(Schema), jsonSchemaIsStrict: true),
        };

        var completion = (await Chat(h).CompleteChatAsync([new UserChatMessage("""[[mock:text:{"n": 7}]] a number""")], options)).Value;

        Assert.Equal(7, JsonNode.Parse(Assert.Single(completion.Content).Text)!["n"]!.GetValue<int>());
        var sent = JsonNode.Parse((await h.SingleRecordedAsync()).Body)!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$$"""{"format":{"type":"json_schema","schema":{{{Schema}}}}}"""), sent["output_config"]), sent.ToJsonString());
    }

    [Theory]
    [InlineData(400, "invalid_request_error")]
    [InlineData(401, "authentication_error")]
    [InlineData(429, "rate_limit_error")]
    [InlineData(529, "overloaded_error")]
    public async Task UpstreamError_SdkRaisesItsTypedErrorWithTheStatusAndMessage(int status, string type)
    {
        await using var h = await StartAsync();

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Chat(h).CompleteChatAsync([new UserChatMessage($"[[mock:status:{status}]]")]));

        Assert.Equal(status, error.Status);
        var body = JsonNode.Parse(error.GetRawResponse()!.Content.ToString())!["error"]!;
        Assert.Equal(type, (string?)body["type"]);
        Assert.Contains((string)body["message"]!, error.Message, StringComparison.Ordinal);
        Assert.Equal(status, (await h.OnlyLogEntryAsync())["response"]!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task OwnModel_IsRefusedWithKongsMessageBeforeTheProvider()
    {
        await using var h = await StartAsync();
        var client = new ChatClient("gpt-4o", new ApiKeyCredential("sk-client"), Options(h));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(400, error.Status);
        Assert.Contains($"cannot use own model - must be: {Model}", error.Message, StringComparison.Ordinal);
        Assert.Empty(h.Mock.Requests);
    }

    [Fact]
    public async Task UnsupportedParameter_N2_Is400NamingTheParameter()
    {
        await using var h = await StartAsync();
        using var content = new StringContent("""{"model":"claude-sonnet-4-5-20250929","n":2,"messages":[{"role":"user","content":"hi"}]}""",
            System.Text.Encoding.UTF8, "application/json");

        using var response = await h.Client.PostAsync("/anything/v1/chat/completions", content);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("""{"error":{"message":"n must be 1: this provider returns one choice per request","type":"invalid_request_error","param":"n","code":null}}""",
            await response.Content.ReadAsStringAsync());
        Assert.Empty(h.Mock.Requests);
    }

    [Fact]
    public async Task StreamError_MidStream_EndsTheSdksStreamWithoutAFinishReason()
    {
        await using var h = await StartAsync();
        var text = new System.Text.StringBuilder();
        ChatFinishReason? finish = null;

        await foreach (var update in Chat(h).CompleteChatStreamingAsync([new UserChatMessage("[[mock:stream-error]] hi")]))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            finish ??= update.FinishReason;
        }

        // The .NET SDK 2.15 reads an in-stream {"error":..} chunk as an empty update and ends the stream without
        // throwing (the npm SDK raises APIError, see the EndToEnd tests): what tells a .NET client the answer is
        // cut is the missing finish_reason. The three deltas before the error did arrive.
        Assert.Null(finish);
        Assert.Equal("Hello from the", text.ToString().TrimEnd());
        var entry = await h.OnlyLogEntryAsync();
        Assert.Equal("overloaded_error", (string?)entry["ai"]!["proxy"]!["meta"]!["response_error"]!["type"]);
    }

    [Fact]
    public async Task GatewayError_UpstreamUnreachable_IsA502InOpenAiShape()
    {
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { LlmFormat = "openai", UpstreamUrl = "http://127.0.0.1:9/v1/messages" });

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Chat(h).CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(502, error.Status);
        var body = JsonNode.Parse(error.GetRawResponse()!.Content.ToString())!;
        Assert.Equal("api_error", (string?)body["error"]!["type"]);
        Assert.False(string.IsNullOrEmpty((string?)body["error"]!["message"]));
    }

    [Fact]
    public async Task GetModels_ListsTheProvidersModelsInOpenAisShape()
    {
        await using var h = await StartAsync();

        var models = (await new OpenAIModelClient(new ApiKeyCredential("sk-client"), Options(h)).GetModelsAsync()).Value;

        Assert.NotEmpty(models);
        Assert.All(models, m => Assert.StartsWith("claude-", m.Id, StringComparison.Ordinal));
        Assert.All(models, m => Assert.Equal("anthropic", m.OwnedBy));
        Assert.Equal("/v1/models", (await h.SingleRecordedAsync()).PathAndQuery);
    }

    private static Task<AiProxyHarness> StartAsync() => AiProxyHarness.StartAsync(new AiProxySetup { LlmFormat = "openai" });

    /// <summary>The SDK as an application would configure it, with <c>base_url</c> = route + <c>/v1</c>; retries
    /// off so an error test sees one request.</summary>
    private static OpenAIClientOptions Options(AiProxyHarness h) => new()
    {
        Endpoint = new Uri(h.Gateway.BaseUri, "/anything/v1"),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    };

    private static ChatClient Chat(AiProxyHarness h) => new(Model, new ApiKeyCredential("sk-client-key-not-forwarded"), Options(h));

    private static async Task<(string Id, string Name, string Arguments)> ToolCallAsync(ChatClient chat, List<ChatMessage> messages, ChatCompletionOptions options)
    {
        var completion = (await chat.CompleteChatAsync(messages, options)).Value;
        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        return (call.Id, call.FunctionName, call.FunctionArguments.ToString());
    }

    private static async Task<(string Id, string Name, string Arguments)> StreamToolCallAsync(ChatClient chat, List<ChatMessage> messages, ChatCompletionOptions options)
    {
        string? id = null, name = null;
        var arguments = new System.Text.StringBuilder();
        var argumentUpdates = 0;
        ChatFinishReason? finish = null;
        await foreach (var update in chat.CompleteChatStreamingAsync(messages, options))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                Assert.Equal(0, call.Index);
                id ??= call.ToolCallId;
                name ??= call.FunctionName;
                if (call.FunctionArgumentsUpdate is { } piece && !piece.ToMemory().IsEmpty)
                {
                    arguments.Append(piece.ToString());
                    argumentUpdates++;
                }
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        Assert.True(argumentUpdates > 1, "the arguments arrive in fragments");
        return (id!, name!, arguments.ToString());
    }

    private static async Task AssertLoggedUsageIsTheMocksAsync(AiProxyHarness h, PipelineResponse response, MockAnthropic.MockUsage mock)
    {
        var requestId = response.Headers.TryGetValue("X-Kong-Request-Id", out var id) ? id! : throw new InvalidOperationException("no request id");
        AssertUsage(await h.LogEntryAsync(requestId), mock);
    }

    private static void AssertUsage(JsonNode entry, MockAnthropic.MockUsage mock)
    {
        var usage = entry["ai"]!["proxy"]!["usage"]!;
        Assert.Equal(mock.InputTokens + mock.CacheCreationInputTokens + mock.CacheReadInputTokens, usage["prompt_tokens"]!.GetValue<long>());
        Assert.Equal(mock.OutputTokens, usage["completion_tokens"]!.GetValue<long>());
        Assert.Equal(mock.CacheReadInputTokens, usage["prompt_tokens_details"]!["cached_tokens"]!.GetValue<long>());
    }
}
