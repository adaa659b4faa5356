using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gateway.MockAnthropic.Tests.Support;

namespace Gateway.MockAnthropic.Tests;

public sealed class ChatCompletionsTests
{
    private const string Path = "/v1/chat/completions";
    private const string DefaultText = "Hello from the mock Anthropic server.";

    [Fact]
    public async Task NonStreaming_ShortPrompt_AnswersChatCompletionWithUncachedUsage()
    {
        await using var mock = await MockHarness.StartAsync();
        var body = ChatBodies.Chat("Hi");

        var (status, doc) = await PostAsync(mock, body);

        Assert.Equal(HttpStatusCode.OK, status);
        var root = doc.RootElement;
        Assert.Equal("chat.completion", root.GetProperty("object").GetString());
        Assert.StartsWith("chatcmpl-", root.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(ChatBodies.Model, root.GetProperty("model").GetString());
        var choice = root.GetProperty("choices")[0];
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal(DefaultText, choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        var usage = root.GetProperty("usage");
        var prompt = Encoding.UTF8.GetByteCount(body) / 4;
        Assert.Equal(prompt, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
        Assert.Equal(6, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(prompt + 6, usage.GetProperty("total_tokens").GetInt32());
        var recorded = Assert.Single(mock.Server.Requests);
        Assert.Equal(new MockUsage(prompt, 6, 0, 0), recorded.ResponseUsage);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task NonStreaming_LongPromptOrCacheKey_ReportsHalfThePromptAsCached(bool longPrompt, bool cacheKey)
    {
        await using var mock = await MockHarness.StartAsync();
        var question = longPrompt ? "Hi " + new string('x', 5000) : "Hi";
        var body = ChatBodies.Chat(question, promptCacheKey: cacheKey ? "session-1" : null);

        var (_, doc) = await PostAsync(mock, body);

        var usage = doc.RootElement.GetProperty("usage");
        var prompt = Encoding.UTF8.GetByteCount(body) / 4;
        Assert.Equal(prompt, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(prompt / 2, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
        Assert.Equal(new MockUsage(prompt - prompt / 2, 6, 0, prompt / 2), mock.Server.Requests[0].ResponseUsage);
    }

    [Fact]
    public async Task Streaming_WithoutIncludeUsage_SendsNoUsageChunkAndNoUsageField()
    {
        await using var mock = await MockHarness.StartAsync();

        var (chunks, done) = await StreamAsync(mock, ChatBodies.Chat("Hi", stream: true));

        Assert.True(done);
        Assert.All(chunks, c =>
        {
            Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString());
            Assert.False(c.TryGetProperty("usage", out _));
            Assert.Single(c.GetProperty("choices").EnumerateArray());
        });
        Assert.Equal("assistant", Delta(chunks[0]).GetProperty("role").GetString());
        Assert.Equal(DefaultText, string.Concat(chunks.Skip(1).Select(c =>
            Delta(c).TryGetProperty("content", out var t) ? t.GetString() : "")));
        Assert.Equal("stop", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.All(chunks[..^1], c =>
            Assert.Equal(JsonValueKind.Null, c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
    }

    [Fact]
    public async Task Streaming_WithIncludeUsage_EndsWithUsageOnlyChunkMatchingTheOneShotAnswer()
    {
        await using var mock = await MockHarness.StartAsync();
        var body = ChatBodies.Chat("Hi", stream: true, includeUsage: true);

        var (chunks, done) = await StreamAsync(mock, body);

        Assert.True(done);
        Assert.All(chunks[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
        var last = chunks[^1];
        Assert.Empty(last.GetProperty("choices").EnumerateArray());
        var prompt = Encoding.UTF8.GetByteCount(body) / 4;
        Assert.Equal(prompt, last.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(6, last.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal("stop", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(new MockUsage(prompt, 6, 0, 0), mock.Server.Requests[0].ResponseUsage);
    }

    [Fact]
    public async Task Streaming_WithReasoningEffort_SendsReasoningContentBeforeTheText()
    {
        await using var mock = await MockHarness.StartAsync();

        var (chunks, _) = await StreamAsync(mock, ChatBodies.Chat("Hi", stream: true, includeUsage: true, reasoningEffort: "high"));

        var reasoning = chunks.Select((c, i) => (c, i))
            .Where(x => x.c.GetProperty("choices").GetArrayLength() > 0 && Delta(x.c).TryGetProperty("reasoning_content", out _))
            .ToList();
        Assert.NotEmpty(reasoning);
        Assert.Equal(
            "The request came to the mock, so the scripted answer is the right one.",
            string.Concat(reasoning.Select(x => Delta(x.c).GetProperty("reasoning_content").GetString())));
        var firstText = chunks.FindIndex(c => c.GetProperty("choices").GetArrayLength() > 0
            && Delta(c).TryGetProperty("content", out var t) && t.GetString()!.Length > 0);
        Assert.True(reasoning[^1].i < firstText);
        var details = chunks[^1].GetProperty("usage").GetProperty("completion_tokens_details");
        Assert.Equal(reasoning.Count, details.GetProperty("reasoning_tokens").GetInt32());
    }

    [Theory]
    [InlineData("low", true)]
    [InlineData("none", false)]
    [InlineData(null, false)]
    public async Task NonStreaming_ReasoningContent_OnlyWhenReasoningIsAsked(string? effort, bool expected)
    {
        await using var mock = await MockHarness.StartAsync();

        var (_, doc) = await PostAsync(mock, ChatBodies.Chat("Hi", reasoningEffort: effort));

        var message = doc.RootElement.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal(expected, message.TryGetProperty("reasoning_content", out _));
    }

    [Fact]
    public async Task Bash_Streaming_SendsToolCallIdAndNameFirstThenArgumentFragments()
    {
        await using var mock = await MockHarness.StartAsync();

        var (chunks, done) = await StreamAsync(mock, ChatBodies.Chat("[[mock:bash:ls -la]]", stream: true));

        Assert.True(done);
        var calls = chunks.Where(c => Delta(c).TryGetProperty("tool_calls", out _))
            .Select(c => Delta(c).GetProperty("tool_calls")[0]).ToList();
        Assert.True(calls.Count > 2);
        Assert.All(calls, c => Assert.Equal(0, c.GetProperty("index").GetInt32()));
        Assert.StartsWith("call_", calls[0].GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("function", calls[0].GetProperty("type").GetString());
        Assert.Equal("Bash", calls[0].GetProperty("function").GetProperty("name").GetString());
        Assert.All(calls.Skip(1), c =>
        {
            Assert.False(c.TryGetProperty("id", out _));
            Assert.False(c.GetProperty("function").TryGetProperty("name", out _));
        });
        using var args = JsonDocument.Parse(string.Concat(calls.Select(c =>
            c.GetProperty("function").GetProperty("arguments").GetString())));
        Assert.Equal("ls -la", args.RootElement.GetProperty("command").GetString());
        Assert.Equal("tool_calls", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Bash_NonStreaming_ReturnsToolCallsWithNullContent()
    {
        await using var mock = await MockHarness.StartAsync();

        var (_, doc) = await PostAsync(mock, ChatBodies.Chat("[[mock:bash:ls]]"));

        var choice = doc.RootElement.GetProperty("choices")[0];
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("message").GetProperty("content").ValueKind);
        var call = Assert.Single(choice.GetProperty("message").GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("Bash", call.GetProperty("function").GetProperty("name").GetString());
        using var args = JsonDocument.Parse(call.GetProperty("function").GetProperty("arguments").GetString()!);
        Assert.Equal("ls", args.RootElement.GetProperty("command").GetString());
    }

    [Fact]
    public async Task Bash_AfterToolMessage_AnswersDoneWithTheToolOutput()
    {
        await using var mock = await MockHarness.StartAsync();

        var (_, doc) = await PostAsync(mock, ChatBodies.ToolResult("[[mock:bash:echo hi]]", "call_1", "hi\nmore"));

        var choice = doc.RootElement.GetProperty("choices")[0];
        Assert.Equal("Done: hi", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
    }

    [Theory]
    [InlineData(429, "tokens", "rate_limit_exceeded")]
    [InlineData(401, "invalid_request_error", "invalid_api_key")]
    [InlineData(500, "server_error", null)]
    public async Task StatusMarker_AnswersInOpenAiErrorShape(int status, string type, string? code)
    {
        await using var mock = await MockHarness.StartAsync();

        var (actual, doc) = await PostAsync(mock, ChatBodies.Chat($"[[mock:status:{status}]]"));

        Assert.Equal(status, (int)actual);
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Equal(code, error.GetProperty("code").ValueKind == JsonValueKind.Null ? null : error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task StreamError_EndsWithAnErrorFrameAndNoDone()
    {
        await using var mock = await MockHarness.StartAsync();

        var (chunks, done) = await StreamAsync(mock, ChatBodies.Chat("[[mock:stream-error]]", stream: true));

        Assert.False(done);
        Assert.Equal("server_error", chunks[^1].GetProperty("error").GetProperty("type").GetString());
        // The role chunk, the deltas before the failure, the error frame.
        Assert.Equal(1 + Replies.StreamingResponder.DeltasBeforeStreamError + 1, chunks.Count);
    }

    [Theory]
    [InlineData("{\"messages\":[]}", "you must provide a model parameter")]
    [InlineData("{\"model\":\"m\"}", "Missing required parameter: 'messages'.")]
    [InlineData("{\"model\":\"m\",\"messages\":[],\"stream_options\":{\"include_usage\":true}}",
        "The 'stream_options' parameter is only allowed when 'stream' is enabled.")]
    public async Task InvalidBody_Answers400InOpenAiErrorShape(string body, string message)
    {
        await using var mock = await MockHarness.StartAsync();

        var (status, doc) = await PostAsync(mock, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", doc.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(message, doc.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("Authorization", "Bearer sk-right", HttpStatusCode.OK)]
    [InlineData("Authorization", "Bearer sk-wrong", HttpStatusCode.Unauthorized)]
    [InlineData("api-key", "sk-right", HttpStatusCode.OK)]
    [InlineData("x-api-key", "sk-right", HttpStatusCode.Unauthorized)]
    public async Task ExpectedApiKey_AcceptsBearerOrAzureApiKeyHeader(string header, string value, HttpStatusCode expected)
    {
        await using var mock = await MockHarness.StartAsync(new MockAnthropicOptions { ExpectedApiKey = "sk-right" });
        using var request = new HttpRequestMessage(HttpMethod.Post, Path)
        {
            Content = new StringContent(ChatBodies.Chat("Hi"), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await mock.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task AzureDeploymentPath_IsAnsweredAndRecordedWithItsQuery()
    {
        await using var mock = await MockHarness.StartAsync();
        const string AzurePath = "/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21";

        using var response = await mock.Client.SendAsync(Post(AzurePath, ChatBodies.Chat("Hi")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AzurePath, Assert.Single(mock.Server.Requests).PathAndQuery);
    }

    private static JsonElement Delta(JsonElement chunk) => chunk.GetProperty("choices")[0].GetProperty("delta");

    private static HttpRequestMessage Post(string path, string json) =>
        new(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static async Task<(HttpStatusCode Status, JsonDocument Doc)> PostAsync(MockHarness mock, string json)
    {
        using var response = await mock.Client.SendAsync(Post(Path, json));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    private static async Task<(List<JsonElement> Chunks, bool Done)> StreamAsync(MockHarness mock, string json)
    {
        using var response = await mock.SendStreamingAsync(Post(Path, json));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("text/event-stream") { CharSet = "utf-8" }, response.Content.Headers.ContentType);
        return await ChatChunkReader.ReadAllAsync(await response.Content.ReadAsStreamAsync());
    }
}
