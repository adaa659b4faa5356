using System.Text;
using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Tests.Support;
using static Gateway.Plugins.AiProxy.Tests.OpenAi.OpenAiSupport;

namespace Gateway.Plugins.AiProxy.Tests.OpenAi;

/// <summary>Claude's stream becomes <c>chat.completion.chunk</c>s as its bytes arrive, however they are split.</summary>
public sealed class ChatStreamTranslationTests
{
    private const string StreamRequest = """{"messages":[{"role":"user","content":"x"}],"stream":true,"stream_options":{"include_usage":true}}""";

    /// <summary>What an OpenAI client receives for <see cref="ClaudeStreams.ToolUseTurn"/>, chunk by chunk (created
    /// removed): role first, reasoning, text (multi-byte and escapes intact), the tool call's id and name then its
    /// arguments, one finish chunk, the usage chunk with cache tokens in the prompt, [DONE].</summary>
    private static readonly string[] ExpectedToolUseTurn =
    [
        """{"id":"msg_01","object":"chat.completion.chunk","model":"claude-sonnet-4-5-20250929","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}""",
        """{"id":"msg_01","object":"chat.completion.chunk","model":"claude-sonnet-4-5-20250929","choices":[{"index":0,"delta":{"reasoning_content":"The user wants a file listing."},"logprobs":null,"finish_reason":null}]}""",
        """{"id":"msg_01","object":"chat.completion.chunk","model":"claude-sonnet-4-5-20250929","choices":[{"index":0,"delta":{"content":"Café 漢字 🚀 "},"logprobs":null,"finish_reason":null}]}""",
        """{"id":"msg_01","object":"chat.completion.chunk","model":"claude-sonnet-4-5-20250929","choices":[{"index":0,"delta":{"content":"I'll run \"ls\"\n"},"logprobs":null,"finish_reason":null}]}""",
        """{"id":"msg_01","object":"chat.completion.chunk","model":"claude-sonnet-4-5-20250929","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"toolu_01","type":"function","function":{"name":"Bash","arguments":""}}]},"logprobs":null,"finish_reason":null}]}""",
        """{"id":"msg_01","object":"chat.completion.chunk","model":"claude-sonnet-4-5-20250929","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"command\": \"ls\"}"}}]},"logprobs":null,"finish_reason":null}]}""",
        """{"id":"msg_01","object":"chat.completion.chunk","model":"claude-sonnet-4-5-20250929","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}]}""",
        """{"id":"msg_01","object":"chat.completion.chunk","model":"claude-sonnet-4-5-20250929","choices":[],"usage":{"prompt_tokens":32060,"completion_tokens":85,"total_tokens":32145,"prompt_tokens_details":{"cached_tokens":30000}}}""",
        "[DONE]",
    ];

    [Fact]
    public async Task Stream_WholeClaudeTurn_BecomesTheExpectedChunks()
    {
        var output = await TranslateAsync(StreamRequest, ClaudeStreams.ToolUseTurn, [int.MaxValue]);

        AssertChunks(ExpectedToolUseTurn, output);
    }

    [Fact]
    public async Task Stream_SplitAtEveryByteOffset_GivesTheSameBytes()
    {
        var stream = Encoding.UTF8.GetBytes(ClaudeStreams.ToolUseTurn);
        var whole = await TranslateAsync(StreamRequest, ClaudeStreams.ToolUseTurn, [int.MaxValue]);

        for (var offset = 0; offset <= stream.Length; offset++)
        {
            var split = await TranslateAsync(StreamRequest, ClaudeStreams.ToolUseTurn, [offset]);
            Assert.True(whole == split, $"split at {offset} differs");
        }
    }

    [Fact]
    public async Task Stream_EachChunk_CarriesOnlyTheEventsCompletedInIt()
    {
        // One byte at a time: nothing is held back past the byte that completes an event (never buffered whole).
        var stream = Encoding.UTF8.GetBytes(ClaudeStreams.ToolUseTurn);
        var context = await AccessAsync(StreamRequest);
        var seen = await RespondAsync(context, 200, "text/event-stream; charset=utf-8", stream.Select(b => new[] { b }));

        var firstEventEnd = ClaudeStreams.ToolUseTurn.IndexOf("\n\n", StringComparison.Ordinal) + 2;
        Assert.All(seen.Take(firstEventEnd - 1), chunk => Assert.Empty(chunk));
        Assert.StartsWith("data: {\"id\":\"msg_01\"", Encoding.UTF8.GetString(seen[firstEventEnd - 1]), StringComparison.Ordinal);
        Assert.Equal("text/event-stream; charset=utf-8", context.HttpContext.Response.ContentType);
    }

    [Fact]
    public async Task Stream_WithoutIncludeUsage_HasNoUsageChunkButTheLogKeepsAnthropicsUsage()
    {
        var context = await AccessAsync("""{"messages":[{"role":"user","content":"x"}],"stream":true}""");
        var seen = await RespondAsync(context, 200, "text/event-stream", [Encoding.UTF8.GetBytes(ClaudeStreams.ToolUseTurn)]);
        var log = await PluginHarness.LogAsync(context);

        AssertChunks([.. ExpectedToolUseTurn.Where(c => !c.Contains("\"usage\"", StringComparison.Ordinal))], Text(seen));
        var native = await NativeUsageAsync(200, "text/event-stream", Encoding.UTF8.GetBytes(ClaudeStreams.ToolUseTurn), streaming: true);
        Assert.True(JsonNode.DeepEquals(native, WithoutTimings(log["ai.proxy.usage"]!)), log["ai.proxy.usage"]!.ToJsonString());
        Assert.Equal(85L, (long)native["completion_tokens"]!);
    }

    [Fact]
    public async Task Stream_ErrorEventMidStream_BecomesAnOpenAiErrorChunkAndTheStreamEnds()
    {
        var stream = ClaudeStreams.OverloadedAfter200 +
            "event: content_block_delta\r\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"late\"}}\r\n\r\n";
        var bytes = Encoding.UTF8.GetBytes(stream);
        for (var offset = 0; offset <= bytes.Length; offset++)
        {
            var output = await TranslateAsync(StreamRequest, stream, [offset]);

            AssertChunks(
            [
                """{"id":"","object":"chat.completion.chunk","model":"claude-sonnet-4-5-20250929","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}""",
                """{"error":{"message":"Overloaded","type":"overloaded_error","param":null,"code":null}}""",
            ], output);
        }
    }

    [Fact]
    public async Task Stream_CutBeforeMessageStop_EndsWithAnErrorChunkNotDone()
    {
        var cut = ClaudeStreams.ToolUseTurn[..ClaudeStreams.ToolUseTurn.IndexOf("event: message_delta", StringComparison.Ordinal)];

        var output = await TranslateAsync(StreamRequest, cut, [int.MaxValue]);

        var last = output.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.Equal("""data: {"error":{"message":"The provider's stream ended before the message was complete","type":"api_error","param":null,"code":null}}""", last);
    }

    [Theory]
    [InlineData("max_tokens", "length")]
    [InlineData("end_turn", "stop")]
    [InlineData("refusal", "content_filter")]
    public async Task Stream_StopReason_IsTheFinishChunksReason(string stopReason, string finishReason)
    {
        var stream = ClaudeStreams.ToolUseTurn.Replace("\"stop_reason\":\"tool_use\"", $"\"stop_reason\":\"{stopReason}\"", StringComparison.Ordinal);

        var output = await TranslateAsync(StreamRequest, stream, [int.MaxValue]);

        Assert.Contains($"\"delta\":{{}},\"logprobs\":null,\"finish_reason\":\"{finishReason}\"", output, StringComparison.Ordinal);
    }

    /// <summary>Feeds <paramref name="stream"/> cut at <paramref name="cuts"/> and returns everything the client got.</summary>
    private static async Task<string> TranslateAsync(string request, string stream, int[] cuts)
    {
        var bytes = Encoding.UTF8.GetBytes(stream);
        var chunks = new List<byte[]>();
        var start = 0;
        foreach (var cut in cuts.Select(c => Math.Min(c, bytes.Length)).Append(bytes.Length))
        {
            chunks.Add(bytes[start..cut]);
            start = cut;
        }

        var context = await AccessAsync(request);
        var seen = await RespondAsync(context, 200, "text/event-stream; charset=utf-8", chunks.Where(c => c.Length > 0));
        await PluginHarness.LogAsync(context);
        return Text(seen);
    }

    private static void AssertChunks(string[] expected, string output)
    {
        Assert.EndsWith("\n\n", output, StringComparison.Ordinal);
        var events = output.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Length, events.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.StartsWith("data: ", events[i], StringComparison.Ordinal);
            var data = events[i]["data: ".Length..];
            if (expected[i] == "[DONE]")
            {
                Assert.Equal("[DONE]", data);
                continue;
            }

            var actual = JsonNode.Parse(data)!.AsObject();
            if (actual.ContainsKey("created"))
            {
                Assert.Equal(Created, actual["created"]!.GetValue<long>());
                actual.Remove("created");
            }

            AssertJson(expected[i], actual);
        }
    }
}
