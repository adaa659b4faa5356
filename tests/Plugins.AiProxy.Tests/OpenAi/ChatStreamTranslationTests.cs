using System.Text;
using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.OpenAi.Stream;
using Gateway.Plugins.AiProxy.Response.Sse;
using Gateway.Plugins.AiProxy.Tests.Support;
using static Gateway.Plugins.AiProxy.Tests.OpenAi.OpenAiSupport;

namespace Gateway.Plugins.AiProxy.Tests.OpenAi;

/// <summary>Claude's stream becomes <c>chat.completion.chunk</c>s as its bytes arrive, however they are split. Through
/// the real gateway; the every-byte-offset loops also run the plugin's own framer and translator directly, since a
/// gateway per offset would take minutes.</summary>
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
        Assert.Equal(whole, TranslateDirect(ClaudeStreams.ToolUseTurn, [int.MaxValue]));

        for (var offset = 0; offset <= stream.Length; offset++)
        {
            var split = TranslateDirect(ClaudeStreams.ToolUseTurn, [offset]);
            Assert.True(whole == split, $"split at {offset} differs");
        }

        // Inside a multi-byte character, and between an event's CR and LF, through the gateway too.
        var cafe = ClaudeStreams.ToolUseTurn.IndexOf("Café", StringComparison.Ordinal);
        var crlf = ClaudeStreams.ToolUseTurn.IndexOf("\r\n", StringComparison.Ordinal);
        foreach (var offset in new[] { Encoding.UTF8.GetByteCount(ClaudeStreams.ToolUseTurn[..cafe]) + 4, crlf < 0 ? 1 : Encoding.UTF8.GetByteCount(ClaudeStreams.ToolUseTurn[..crlf]) + 1 })
        {
            var split = await TranslateAsync(StreamRequest, ClaudeStreams.ToolUseTurn, [offset]);
            Assert.True(whole == split, $"split at {offset} through the gateway differs");
        }
    }

    [Fact]
    public async Task Stream_EachChunk_CarriesOnlyTheEventsCompletedInIt()
    {
        // One byte at a time: nothing is held back past the byte that completes an event (never buffered whole).
        var stream = Encoding.UTF8.GetBytes(ClaudeStreams.ToolUseTurn);
        var firstEventEnd = Encoding.UTF8.GetByteCount(ClaudeStreams.ToolUseTurn[..(ClaudeStreams.ToolUseTurn.IndexOf("\n\n", StringComparison.Ordinal) + 2)]);

        // The plugin's framer and translator, byte by byte: output exactly at the byte that completes the event.
        var seen = TranslateEachByte(stream);
        Assert.All(seen.Take(firstEventEnd - 1), chunk => Assert.Empty(chunk));
        Assert.StartsWith("data: {\"id\":\"msg_01\"", seen[firstEventEnd - 1], StringComparison.Ordinal);

        // Through the gateway: the upstream sends the first event byte by byte and then waits until the client has
        // its translation, which it only gets if the gateway passes each event on as it completes.
        var clientHasFirstEvent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var gateway = await StartAsync(upstream: async http =>
        {
            http.Response.StatusCode = 200;
            http.Response.ContentType = "text/event-stream; charset=utf-8";
            for (var i = 0; i < stream.Length; i++)
            {
                if (i == firstEventEnd)
                {
                    await clientHasFirstEvent.Task.WaitAsync(TimeSpan.FromSeconds(10));
                }

                await http.Response.Body.WriteAsync(stream.AsMemory(i, 1));
                await http.Response.Body.FlushAsync();
            }
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var request = ChatRequest(StreamRequest);
        using var response = await gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("\n\n", StringComparison.Ordinal))
        {
            var read = await body.ReadAsync(buffer, timeout.Token);
            Assert.NotEqual(0, read);
            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        clientHasFirstEvent.SetResult();
        var first = received.ToString();
        Assert.StartsWith("data: {\"id\":\"msg_01\"", first, StringComparison.Ordinal);
        Assert.EndsWith("\n\n", first, StringComparison.Ordinal);
        Assert.Single(first.Split("\n\n", StringSplitOptions.RemoveEmptyEntries));
        received.Append(await new StreamReader(body).ReadToEndAsync(timeout.Token));
        AssertChunks(ExpectedToolUseTurn, received.ToString());
        Assert.Equal("text/event-stream; charset=utf-8", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Stream_WithoutIncludeUsage_HasNoUsageChunkButTheLogKeepsAnthropicsUsage()
    {
        await using var gateway = await StartAsync(upstream: AiProxyGateway.Respond(200, "text/event-stream", [Encoding.UTF8.GetBytes(ClaudeStreams.ToolUseTurn)]));
        var (_, body) = await gateway.SendAsync(ChatRequest("""{"messages":[{"role":"user","content":"x"}],"stream":true}"""));
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;

        AssertChunks([.. ExpectedToolUseTurn.Where(c => !c.Contains("\"usage\"", StringComparison.Ordinal))], Encoding.UTF8.GetString(body));
        var native = await NativeUsageAsync(200, "text/event-stream", Encoding.UTF8.GetBytes(ClaudeStreams.ToolUseTurn), streaming: true);
        Assert.True(JsonNode.DeepEquals(native, WithoutTimings(log["usage"]!)), log["usage"]!.ToJsonString());
        Assert.Equal(85L, (long)native["completion_tokens"]!);
    }

    [Fact]
    public async Task Stream_ErrorEventMidStream_BecomesAnOpenAiErrorChunkAndTheStreamEnds()
    {
        var stream = ClaudeStreams.OverloadedAfter200 +
            "event: content_block_delta\r\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"late\"}}\r\n\r\n";
        string[] expected =
        [
            """{"id":"","object":"chat.completion.chunk","model":"claude-sonnet-4-5-20250929","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}""",
            """{"error":{"message":"Overloaded","type":"overloaded_error","param":null,"code":null}}""",
        ];
        var bytes = Encoding.UTF8.GetBytes(stream);
        for (var offset = 0; offset <= bytes.Length; offset++)
        {
            AssertChunks(expected, TranslateDirect(stream, [offset]));
        }

        foreach (var offset in new[] { 0, bytes.Length / 2, bytes.Length - 3 })
        {
            AssertChunks(expected, await TranslateAsync(StreamRequest, stream, [offset]));
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

    /// <summary>Sends <paramref name="request"/> through the gateway while the upstream answers <paramref name="stream"/>
    /// cut at <paramref name="cuts"/>; returns everything the client got (after the log entry was written).</summary>
    private static async Task<string> TranslateAsync(string request, string stream, int[] cuts)
    {
        await using var gateway = await StartAsync(upstream: AiProxyGateway.Respond(200, "text/event-stream; charset=utf-8", Cut(stream, cuts)));
        var (_, body) = await gateway.SendAsync(ChatRequest(request));
        await gateway.NextLogEntryAsync();
        return Encoding.UTF8.GetString(body);
    }

    /// <summary>The plugin's own SSE framer and chunk translator (what the gateway runs per response) fed
    /// <paramref name="stream"/> cut at <paramref name="cuts"/>, then the end of the stream.</summary>
    private static string TranslateDirect(string stream, int[] cuts) =>
        string.Concat(Translate(Cut(stream, cuts)));

    private static List<string> TranslateEachByte(byte[] stream) => Translate(stream.Select(b => new[] { b }));

    /// <summary>What the translator wrote for each chunk, the end-of-stream call last.</summary>
    private static List<string> Translate(IEnumerable<byte[]> chunks)
    {
        using var output = new PooledByteWriter();
        using var translator = new ChatChunkTranslator(output, "claude-sonnet-4-5-20250929", Created, includeUsage: true);
        using var framer = new SseFramer(translator);
        var seen = new List<string>();
        foreach (var chunk in chunks)
        {
            output.Clear();
            framer.Feed(chunk);
            seen.Add(Encoding.UTF8.GetString(output.WrittenMemory.Span));
        }

        output.Clear();
        translator.Complete();
        seen.Add(Encoding.UTF8.GetString(output.WrittenMemory.Span));
        return seen;
    }

    private static List<byte[]> Cut(string stream, int[] cuts)
    {
        var bytes = Encoding.UTF8.GetBytes(stream);
        var chunks = new List<byte[]>();
        var start = 0;
        foreach (var cut in cuts.Select(c => Math.Min(c, bytes.Length)).Append(bytes.Length))
        {
            chunks.Add(bytes[start..cut]);
            start = cut;
        }

        return [.. chunks.Where(c => c.Length > 0)];
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
