using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Tests.Support;
using static Gateway.Plugins.AiProxy.Tests.OpenAi.OpenAiSupport;

namespace Gateway.Plugins.AiProxy.Tests.OpenAi;

/// <summary>One-shot Anthropic answers (messages, model lists, errors) reach an OpenAI client in OpenAI's shapes,
/// while the log keeps Anthropic's usage.</summary>
public sealed class ChatResponseTranslationTests
{
    private const string Request = """{"messages":[{"role":"user","content":"x"}]}""";

    private const string ToolMessage = """
        {"id":"msg_03","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
         "content":[{"type":"thinking","thinking":"Need the weather.","signature":"sig"},{"type":"text","text":"Checking."},
                    {"type":"tool_use","id":"toolu_9","name":"get_weather","input":{"city":"Paris"}}],
         "stop_reason":"tool_use","stop_sequence":null,
         "usage":{"input_tokens":10,"cache_creation_input_tokens":20,"cache_read_input_tokens":300,"output_tokens":40}}
        """;

    [Fact]
    public async Task Respond_OneShotMessage_IsAChatCompletion()
    {
        var (body, _) = await RespondAsync(200, ClaudeStreams.OneShotMessage, chunkSize: 7);

        var root = JsonNode.Parse(body)!;
        Assert.Equal(Created, root["created"]!.GetValue<long>());
        root.AsObject().Remove("created");
        AssertJson("""
            {"id":"msg_02","object":"chat.completion","model":"claude-sonnet-4-5-20250929",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello — 你好","refusal":null},"logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":25,"completion_tokens":456,"total_tokens":481,"prompt_tokens_details":{"cached_tokens":0}}}
            """, root);
    }

    [Fact]
    public async Task Respond_ToolUseWithThinking_KeepsTextToolIdsReasoningAndCachedPrompt()
    {
        var (body, log) = await RespondAsync(200, ToolMessage, chunkSize: 64);

        var root = JsonNode.Parse(body)!;
        AssertJson("""
            {"role":"assistant","content":"Checking.","refusal":null,"reasoning_content":"Need the weather.",
             "tool_calls":[{"id":"toolu_9","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]}
            """, root["choices"]![0]!["message"]);
        Assert.Equal("tool_calls", (string?)root["choices"]![0]!["finish_reason"]);
        AssertJson("""{"prompt_tokens":330,"completion_tokens":40,"total_tokens":370,"prompt_tokens_details":{"cached_tokens":300}}""", root["usage"]);

        // The log is Anthropic's accounting, untouched by the translation.
        var native = await NativeUsageAsync(200, "application/json", ClaudeStreams.Utf8(ToolMessage), streaming: false);
        Assert.True(JsonNode.DeepEquals(native, WithoutTimings(log["usage"]!)), log["usage"]!.ToJsonString());
        Assert.Equal(40L, (long)native["completion_tokens"]!);
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("refusal", "content_filter")]
    [InlineData("pause_turn", "stop")]
    public async Task Respond_StopReason_MapsToFinishReason(string stopReason, string finishReason)
    {
        var message = ClaudeStreams.OneShotMessage.Replace("\"end_turn\"", $"\"{stopReason}\"", StringComparison.Ordinal);

        var (body, _) = await RespondAsync(200, message, chunkSize: 1000);

        Assert.Equal(finishReason, (string?)JsonNode.Parse(body)!["choices"]![0]!["finish_reason"]);
    }

    [Theory]
    [InlineData(400, "invalid_request_error", "max_tokens: 99999999 > 64000")]
    [InlineData(401, "authentication_error", "invalid x-api-key")]
    [InlineData(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit")]
    [InlineData(529, "overloaded_error", "Overloaded")]
    public async Task Respond_UpstreamError_KeepsStatusTypeAndMessageInOpenAiShape(int status, string type, string message)
    {
        var anthropic = $$$"""{"type":"error","error":{"type":"{{{type}}}","message":"{{{message}}}"},"request_id":"req_1"}""";

        var (body, _, response) = await RespondWithResponseAsync(status, anthropic, chunkSize: 5);

        Assert.Equal(status, (int)response.StatusCode);
        AssertJson($$$"""{"error":{"message":"{{{message}}}","type":"{{{type}}}","param":null,"code":null}}""", JsonNode.Parse(body));
    }

    [Fact]
    public async Task Respond_UpstreamErrorThatIsNotJson_NamesTheStatusWithoutEchoingTheBody()
    {
        var (body, _) = await RespondAsync(502, "<html>bad gateway</html>", chunkSize: 100);

        AssertJson("""{"error":{"message":"The provider answered HTTP 502 without an error message","type":"api_error","param":null,"code":null}}""", JsonNode.Parse(body));
    }

    [Fact]
    public async Task Respond_OneShotBodyOverTheLimit_IsAnErrorNotACutBody()
    {
        var huge = new string('x', Gateway.Plugins.AiProxy.Buffers.Limits.JsonResponseBytes);
        var message = ClaudeStreams.OneShotMessage.Replace("Hello — 你好", huge, StringComparison.Ordinal);

        var (body, _) = await RespondAsync(200, message, chunkSize: 1 << 20);

        AssertJson($$$"""{"error":{"message":"The provider's answer is larger than {{{Gateway.Plugins.AiProxy.Buffers.Limits.JsonResponseBytes}}} bytes and cannot be translated","type":"api_error","param":null,"code":null}}""",
            JsonNode.Parse(body));
    }

    [Fact]
    public async Task Respond_GatewayError_KongsMessageInOpenAiShape()
    {
        // The upstream never answers: the gateway's own 504 after the service's read_timeout.
        await using var gateway = await StartAsync(upstream: http => Task.Delay(Timeout.Infinite, http.RequestAborted), service: "read_timeout: 300");

        var (response, body) = await gateway.SendAsync(ChatRequest(Request));

        Assert.Equal(504, (int)response.StatusCode);
        AssertJson("""{"error":{"message":"The upstream server is timing out","type":"api_error","param":null,"code":null}}""",
            JsonNode.Parse(body));
    }

    [Fact]
    public async Task Respond_ModelList_IsOpenAisListShape()
    {
        var anthropic = """{"data":[{"type":"model","id":"claude-sonnet-4-5-20250929","display_name":"Claude Sonnet 4.5","created_at":"2025-09-29T00:00:00Z"}],"has_more":false,"first_id":"claude-sonnet-4-5-20250929","last_id":"claude-sonnet-4-5-20250929"}""";

        await using var gateway = await StartAsync(upstream: RespondWithLength(200, "application/json", [ClaudeStreams.Utf8(anthropic)]));

        var (_, body) = await gateway.SendAsync(ChatRequest(body: null, path: "/v1/models", method: "GET"));

        AssertJson("""{"object":"list","data":[{"id":"claude-sonnet-4-5-20250929","object":"model","created":1759104000,"owned_by":"anthropic"}]}""",
            JsonNode.Parse(body));
    }

    private static async Task<(string Body, JsonNode Log)> RespondAsync(int status, string anthropic, int chunkSize)
    {
        var (body, log, _) = await RespondWithResponseAsync(status, anthropic, chunkSize);
        return (body, log);
    }

    /// <summary>The upstream answers <paramref name="anthropic"/> in chunks of <paramref name="chunkSize"/> bytes with
    /// its Content-Length; returns what the client received and the log entry's <c>ai.proxy</c>.</summary>
    private static async Task<(string Body, JsonNode Log, HttpResponseMessage Response)> RespondWithResponseAsync(
        int status, string anthropic, int chunkSize)
    {
        await using var gateway = await StartAsync(upstream: RespondWithLength(status, "application/json",
            [.. AiProxyGateway.Chunks(ClaudeStreams.Utf8(anthropic), chunkSize)]));
        var (response, bytes) = await gateway.SendAsync(ChatRequest(Request));
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;

        // The provider's Content-Length was for the Anthropic body: the client sees the translation's own length or none.
        Assert.True(response.Content.Headers.ContentLength is null || response.Content.Headers.ContentLength == bytes.Length);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (System.Text.Encoding.UTF8.GetString(bytes), log, response);
    }
}
