using System.Text;
using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.AnthropicToOpenAi;
using Gateway.Plugins.AiProxy.OpenAi.Stream;
using Gateway.Plugins.AiProxy.Response.Sse;
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
        var text = await StreamThroughGatewayAsync(Encoding.UTF8.GetBytes(Stream), 17);

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
    public void Stream_SplitAtEveryByteOffset_GivesTheSameBytes()
    {
        // The writer the body filter drives, fed as the host would at every byte offset.
        var bytes = Encoding.UTF8.GetBytes(Stream);
        var whole = Translate(bytes, int.MaxValue);

        for (var split = 0; split <= bytes.Length; split++)
        {
            Assert.True(whole == Translate(bytes, split), $"split at {split} differs");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(int.MaxValue)]
    public async Task Stream_ThroughTheGateway_IsWhatTheWriterGivesAtAnyChunking(int chunkSize)
    {
        var bytes = Encoding.UTF8.GetBytes(Stream);

        Assert.Equal(Translate(bytes, int.MaxValue), await StreamThroughGatewayAsync(bytes, chunkSize));
    }

    [Fact]
    public async Task Stream_LogsTheBackendsUsageAsForAnthropic()
    {
        await using var gateway = await StartAsync(upstream:
            AiProxyGateway.Respond(200, "text/event-stream", AiProxyGateway.Chunks(Encoding.UTF8.GetBytes(Stream), 17)));
        await gateway.SendAsync(AiProxyGateway.ClaudeCodeRequest(body: StreamRequest));

        var usage = OpenAiSupport.WithoutTimings((await gateway.NextLogEntryAsync()).AiProxy()!["usage"]!);

        AssertJson("""{"prompt_tokens":3000,"completion_tokens":40,"total_tokens":3040,"cost":0,"prompt_tokens_details":{"cached_tokens":2048,"cache_creation_tokens":0},"completion_tokens_details":{}}""", usage);
    }

    [Fact]
    public async Task Stream_ToolCallsWithoutIds_OpenOneBlockPerIndexWithAGeneratedId()
    {
        const string NoIds = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"Read\",\"arguments\":\"{}\"}}]},\"finish_reason\":null}]}\n\n"
            + "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"name\":\"Bash\",\"arguments\":\"{\\\"command\\\":\\\"ls\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}]}\n\n"
            + "data: [DONE]\n\n";

        var text = await StreamThroughGatewayAsync(Encoding.UTF8.GetBytes(NoIds), int.MaxValue);

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

        var text = await StreamThroughGatewayAsync(Encoding.UTF8.GetBytes(Failing), int.MaxValue);

        Assert.EndsWith("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"The server is overloaded\"}}\n\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("message_stop", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_CutMidAnswer_HasNoMessageStop()
    {
        var cut = Stream[..Stream.IndexOf("data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"model\":\"qwen3\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\"", StringComparison.Ordinal)];

        var text = await StreamThroughGatewayAsync(Encoding.UTF8.GetBytes(cut), int.MaxValue);

        Assert.DoesNotContain("message_delta", text, StringComparison.Ordinal);
        Assert.DoesNotContain("message_stop", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneShot_BecomesAnAnthropicMessage()
    {
        const string Completion = """{"id":"chatcmpl-1","object":"chat.completion","model":"qwen3","choices":[{"index":0,"message":{"role":"assistant","reasoning_content":"Think.","content":"Listing.","tool_calls":[{"id":"call_1","type":"function","function":{"name":"Bash","arguments":"{\"command\":\"ls\"}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":10,"completion_tokens":4,"total_tokens":14,"prompt_tokens_details":{"cached_tokens":6}}}""";
        var seen = await OneShotAsync(200, Completion);

        AssertJson("""
            {"id":"chatcmpl-1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
             "content":[{"type":"thinking","thinking":"Think.","signature":""},{"type":"text","text":"Listing."},
                        {"type":"tool_use","id":"call_1","name":"Bash","input":{"command":"ls"}}],
             "stop_reason":"tool_use","stop_sequence":null,
             "usage":{"input_tokens":4,"cache_creation_input_tokens":0,"cache_read_input_tokens":6,"output_tokens":4}}
            """, JsonNode.Parse(seen));
    }

    [Theory]
    [InlineData("stop", "end_turn")]
    [InlineData("length", "max_tokens")]
    [InlineData("tool_calls", "tool_use")]
    [InlineData("content_filter", "refusal")]
    public async Task OneShot_FinishReason_MapsToStopReason(string finish, string stop)
    {
        var seen = await OneShotAsync(200, $$$"""{"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":"x"},"finish_reason":"{{{finish}}}"}]}""");

        Assert.Equal(stop, JsonNode.Parse(seen)!["stop_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task OneShot_ArgumentsThatAreNotAnObject_AreKeptAsText()
    {
        var seen = await OneShotAsync(200,
            """{"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"Bash","arguments":"ls -la"}}]},"finish_reason":"tool_calls"}]}""");

        AssertJson("""{"arguments":"ls -la"}""", JsonNode.Parse(seen)!["content"]![0]!["input"]);
    }

    [Theory]
    [InlineData(429, """{"error":{"message":"Rate limit reached","type":"tokens","param":null,"code":"rate_limit_exceeded"}}""", "rate_limit_error", "Rate limit reached")]
    [InlineData(401, """{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""", "authentication_error", "Incorrect API key provided")]
    [InlineData(404, """{"error":"model 'qwen3' not found"}""", "not_found_error", "model 'qwen3' not found")]
    [InlineData(503, "<html>bad gateway</html>", "overloaded_error", "The provider answered HTTP 503 without an error message")]
    public async Task ProviderError_KeepsItsStatusInAnthropicsShape(int status, string body, string type, string message)
    {
        await using var gateway = await StartAsync(upstream: AiProxyGateway.Respond(status, "application/json", [Encoding.UTF8.GetBytes(body)]));

        var (response, bytes) = await gateway.SendAsync(AiProxyGateway.ClaudeCodeRequest(body: Request));

        AssertJson($$$"""{"type":"error","error":{"type":"{{{type}}}","message":"{{{message}}}"}}""", JsonNode.Parse(bytes));
        Assert.Equal(status, (int)response.StatusCode);
    }

    /// <summary>The client's body for a one-shot answer (or error) from the backend.</summary>
    private static async Task<byte[]> OneShotAsync(int status, string answer)
    {
        await using var gateway = await StartAsync(upstream: AiProxyGateway.Respond(status, "application/json", [Encoding.UTF8.GetBytes(answer)]));
        var (response, body) = await gateway.SendAsync(AiProxyGateway.ClaudeCodeRequest(body: Request));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return body;
    }

    /// <summary>What Claude Code receives when the backend streams <paramref name="stream"/> in chunks of
    /// <paramref name="chunkSize"/> bytes.</summary>
    private static async Task<string> StreamThroughGatewayAsync(byte[] stream, int chunkSize)
    {
        await using var gateway = await StartAsync(upstream:
            AiProxyGateway.Respond(200, "text/event-stream", AiProxyGateway.Chunks(stream, Math.Min(chunkSize, stream.Length))));
        var (response, body) = await gateway.SendAsync(AiProxyGateway.ClaudeCodeRequest(body: StreamRequest));
        Assert.Equal(200, (int)response.StatusCode);
        return Encoding.UTF8.GetString(body);
    }

    /// <summary>The stream split in two at <paramref name="split"/>, through the framer and writer the body filter
    /// drives, with the writer's output collected after each piece.</summary>
    private static string Translate(byte[] stream, int split)
    {
        var at = Math.Min(split, stream.Length);
        using var output = new PooledByteWriter();
        using var writer = new AnthropicStreamWriter(output, Model);
        using var framer = new SseFramer(writer);
        var text = new StringBuilder();
        foreach (var piece in new[] { stream[..at], stream[at..] })
        {
            output.Clear();
            framer.Feed(piece);
            text.Append(Encoding.UTF8.GetString(output.WrittenMemory.Span));
        }

        output.Clear();
        writer.Complete();
        return text.Append(Encoding.UTF8.GetString(output.WrittenMemory.Span)).ToString();
    }
}
