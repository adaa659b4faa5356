using System.Text;
using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Tests.OpenAi;
using Gateway.Plugins.AiProxy.Tests.Support;
using static Gateway.Plugins.AiProxy.Tests.AnthropicToOpenAi.AnthropicClientSupport;

namespace Gateway.Plugins.AiProxy.Tests.AnthropicToOpenAi;

/// <summary>The OpenAI-compatible backend's answers as Claude Code reads them: Anthropic messages, events and errors.</summary>
public sealed class ChatToAnthropicResponseTests
{
    private const string Model = "claude-sonnet-4-5-20250929";
    private const string Request = """{"model":"claude-sonnet-4-5-20250929","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""";
    private const string StreamRequest = """{"model":"claude-sonnet-4-5-20250929","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"hi"}]}""";

    private const string Stream =
        "data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"model\":\"qwen3\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}],\"usage\":null}\n\n" +
        "data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"model\":\"qwen3\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"Need ls.\"},\"finish_reason\":null}],\"usage\":null}\n\n" +
        "data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"model\":\"qwen3\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Café 🚀 \"},\"finish_reason\":null}],\"usage\":null}\n\n" +
        "data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"model\":\"qwen3\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"running \\\"ls\\\"\"},\"finish_reason\":null}],\"usage\":null}\n\n" +
        "data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"model\":\"qwen3\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_7\",\"type\":\"function\",\"function\":{\"name\":\"Bash\",\"arguments\":\"\"}}]},\"finish_reason\":null}],\"usage\":null}\n\n" +
        "data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"model\":\"qwen3\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"command\\\":\"}}]},\"finish_reason\":null}],\"usage\":null}\n\n" +
        "data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"model\":\"qwen3\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"ls\\\"}\"}}]},\"finish_reason\":null}],\"usage\":null}\n\n" +
        "data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"model\":\"qwen3\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}],\"usage\":null}\n\n" +
        "data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"model\":\"qwen3\",\"choices\":[],\"usage\":{\"prompt_tokens\":3000,\"completion_tokens\":40,\"total_tokens\":3040,\"prompt_tokens_details\":{\"cached_tokens\":2048}}}\n\n" +
        "data: [DONE]\n\n";

    /// <summary>What Claude Code receives for <see cref="Stream"/>: real Anthropic events, one block per kind.</summary>
    private static readonly string[] ExpectedEvents =
    [
        """event: message_start|{"type":"message_start","message":{"id":"chatcmpl-9","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":0}}}""",
        """event: content_block_start|{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}""",
        """event: content_block_delta|{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Need ls."}}""",
        """event: content_block_stop|{"type":"content_block_stop","index":0}""",
        """event: content_block_start|{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}""",
        """event: content_block_delta|{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Café 🚀 "}}""",
        """event: content_block_delta|{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"running \"ls\""}}""",
        """event: content_block_stop|{"type":"content_block_stop","index":1}""",
        """event: content_block_start|{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"call_7","name":"Bash","input":{}}}""",
        """event: content_block_delta|{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"command\":"}}""",
        """event: content_block_delta|{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"\"ls\"}"}}""",
        """event: content_block_stop|{"type":"content_block_stop","index":2}""",
        """event: message_delta|{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"input_tokens":952,"cache_creation_input_tokens":0,"cache_read_input_tokens":2048,"output_tokens":40}}""",
        """event: message_stop|{"type":"message_stop"}""",
    ];

    [Fact]
    public async Task Stream_BecomesTheExpectedAnthropicEvents()
    {
        var text = await TranslateAsync(Encoding.UTF8.GetBytes(Stream), int.MaxValue);

        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e.Replace("\ndata: ", "|", StringComparison.Ordinal)).ToArray();
        Assert.Equal(ExpectedEvents.Length, events.Length);
        for (var i = 0; i < events.Length; i++)
        {
            var expected = ExpectedEvents[i].Split('|', 2);
            var actual = events[i].Split('|', 2);
            Assert.Equal(expected[0], actual[0]);
            AssertJson(expected[1], JsonNode.Parse(actual[1]));
        }
    }

    [Fact]
    public async Task Stream_SplitAtEveryByteOffset_GivesTheSameBytes()
    {
        var bytes = Encoding.UTF8.GetBytes(Stream);
        var whole = await TranslateAsync(bytes, int.MaxValue);

        for (var split = 0; split <= bytes.Length; split++)
        {
            Assert.True(whole == await TranslateAsync(bytes, split), $"split at {split} differs");
        }
    }

    [Fact]
    public async Task Stream_LogsTheBackendsUsageAsForAnthropic()
    {
        var context = await PluginHarness.AccessAsync(Config(), "/v1/messages", StreamRequest);
        await PluginHarness.RespondAsync(context, 200, "text/event-stream", PluginHarness.Chunks(Encoding.UTF8.GetBytes(Stream), 17));

        var usage = OpenAiSupport.WithoutTimings((await PluginHarness.LogAsync(context))["ai.proxy.usage"]!);

        AssertJson("""{"prompt_tokens":3000,"completion_tokens":40,"total_tokens":3040,"cost":0,"prompt_tokens_details":{"cached_tokens":2048,"cache_creation_tokens":0},"completion_tokens_details":{}}""", usage);
    }

    [Fact]
    public async Task Stream_ToolCallsWithoutIds_OpenOneBlockPerIndexWithAGeneratedId()
    {
        const string NoIds = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"Read\",\"arguments\":\"{}\"}}]},\"finish_reason\":null}]}\n\n"
            + "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"name\":\"Bash\",\"arguments\":\"{\\\"command\\\":\\\"ls\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}]}\n\n"
            + "data: [DONE]\n\n";

        var text = await TranslateAsync(Encoding.UTF8.GetBytes(NoIds), int.MaxValue);

        Assert.Contains("\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_gw00\",\"name\":\"Read\"", text, StringComparison.Ordinal);
        Assert.Contains("\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_gw01\",\"name\":\"Bash\"", text, StringComparison.Ordinal);
        Assert.Contains("{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"command\\\":\\\"ls\\\"}\"}", text, StringComparison.Ordinal);
        Assert.Contains("\"stop_reason\":\"tool_use\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_ErrorChunk_BecomesAnAnthropicErrorEventAndEndsTheStream()
    {
        const string Failing = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n"
            + "data: {\"error\":{\"message\":\"The server is overloaded\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n";

        var text = await TranslateAsync(Encoding.UTF8.GetBytes(Failing), int.MaxValue);

        Assert.EndsWith("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"The server is overloaded\"}}\n\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("message_stop", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_CutMidAnswer_HasNoMessageStop()
    {
        var cut = Stream[..Stream.IndexOf("data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"model\":\"qwen3\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\"", StringComparison.Ordinal)];

        var text = await TranslateAsync(Encoding.UTF8.GetBytes(cut), int.MaxValue);

        Assert.DoesNotContain("message_delta", text, StringComparison.Ordinal);
        Assert.DoesNotContain("message_stop", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneShot_BecomesAnAnthropicMessage()
    {
        const string Completion = """{"id":"chatcmpl-1","object":"chat.completion","model":"qwen3","choices":[{"index":0,"message":{"role":"assistant","reasoning_content":"Think.","content":"Listing.","tool_calls":[{"id":"call_1","type":"function","function":{"name":"Bash","arguments":"{\"command\":\"ls\"}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":10,"completion_tokens":4,"total_tokens":14,"prompt_tokens_details":{"cached_tokens":6}}}""";
        var context = await PluginHarness.AccessAsync(Config(), "/v1/messages", Request);

        var seen = await OpenAiSupport.RespondAsync(context, 200, "application/json", [Encoding.UTF8.GetBytes(Completion)]);

        AssertJson("""
            {"id":"chatcmpl-1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
             "content":[{"type":"thinking","thinking":"Think.","signature":""},{"type":"text","text":"Listing."},
                        {"type":"tool_use","id":"call_1","name":"Bash","input":{"command":"ls"}}],
             "stop_reason":"tool_use","stop_sequence":null,
             "usage":{"input_tokens":4,"cache_creation_input_tokens":0,"cache_read_input_tokens":6,"output_tokens":4}}
            """, JsonNode.Parse(seen[^1]));
    }

    [Theory]
    [InlineData("stop", "end_turn")]
    [InlineData("length", "max_tokens")]
    [InlineData("tool_calls", "tool_use")]
    [InlineData("content_filter", "refusal")]
    public async Task OneShot_FinishReason_MapsToStopReason(string finish, string stop)
    {
        var context = await PluginHarness.AccessAsync(Config(), "/v1/messages", Request);

        var seen = await OpenAiSupport.RespondAsync(context, 200, "application/json",
            [Encoding.UTF8.GetBytes($$$"""{"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":"x"},"finish_reason":"{{{finish}}}"}]}""")]);

        Assert.Equal(stop, JsonNode.Parse(seen[^1])!["stop_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task OneShot_ArgumentsThatAreNotAnObject_AreKeptAsText()
    {
        var context = await PluginHarness.AccessAsync(Config(), "/v1/messages", Request);

        var seen = await OpenAiSupport.RespondAsync(context, 200, "application/json",
            [Encoding.UTF8.GetBytes("""{"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"Bash","arguments":"ls -la"}}]},"finish_reason":"tool_calls"}]}""")]);

        AssertJson("""{"arguments":"ls -la"}""", JsonNode.Parse(seen[^1])!["content"]![0]!["input"]);
    }

    [Theory]
    [InlineData(429, """{"error":{"message":"Rate limit reached","type":"tokens","param":null,"code":"rate_limit_exceeded"}}""", "rate_limit_error", "Rate limit reached")]
    [InlineData(401, """{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""", "authentication_error", "Incorrect API key provided")]
    [InlineData(404, """{"error":"model 'qwen3' not found"}""", "not_found_error", "model 'qwen3' not found")]
    [InlineData(503, "<html>bad gateway</html>", "overloaded_error", "The provider answered HTTP 503 without an error message")]
    public async Task ProviderError_KeepsItsStatusInAnthropicsShape(int status, string body, string type, string message)
    {
        var context = await PluginHarness.AccessAsync(Config(), "/v1/messages", Request);

        var seen = await OpenAiSupport.RespondAsync(context, status, "application/json", [Encoding.UTF8.GetBytes(body)]);

        AssertJson($$$"""{"type":"error","error":{"type":"{{{type}}}","message":"{{{message}}}"}}""", JsonNode.Parse(seen[^1]));
        Assert.Equal(status, context.HttpContext.Response.StatusCode);
    }

    private static async Task<string> TranslateAsync(byte[] stream, int split)
    {
        var context = await PluginHarness.AccessAsync(Config(), "/v1/messages", StreamRequest);
        var at = Math.Min(split, stream.Length);
        var seen = await OpenAiSupport.RespondAsync(context, 200, "text/event-stream", [stream[..at], stream[at..]]);
        return OpenAiSupport.Text(seen);
    }
}
