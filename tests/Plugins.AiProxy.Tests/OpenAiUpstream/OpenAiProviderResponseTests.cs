using System.Text;
using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Tests.OpenAi;
using Gateway.Plugins.AiProxy.Tests.Support;
using static Gateway.Plugins.AiProxy.Tests.OpenAiUpstream.OpenAiProviderSupport;

namespace Gateway.Plugins.AiProxy.Tests.OpenAiUpstream;

/// <summary>What the client sees and what the log counts when an OpenAI-compatible provider answers.</summary>
public sealed class OpenAiProviderResponseTests
{
    private const string ChatPath = "/v1/chat/completions";
    private const string StreamRequest = """{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"hi"}],"stream":true}""";
    private const string StreamRequestAskingUsage =
        """{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true}}""";

    private const string Chunk0 = """data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4.1-mini-2025-04-14","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}""" + "\n\n";
    private const string Chunk1 = """data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4.1-mini-2025-04-14","choices":[{"index":0,"delta":{"content":"Café 🚀"},"finish_reason":null}],"usage":null}""" + "\n\n";
    private const string Chunk2 = """data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4.1-mini-2025-04-14","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"Bash","arguments":""}}]},"finish_reason":null}],"usage":null}""" + "\n\n";
    private const string Chunk3 = """data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4.1-mini-2025-04-14","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"command\":\"ls\"}"}}]},"finish_reason":null}],"usage":null}""" + "\n\n";
    private const string Finish = """data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4.1-mini-2025-04-14","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"usage":null}""" + "\n\n";
    private const string UsageChunk = """data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4.1-mini-2025-04-14","choices":[],"usage":{"prompt_tokens":2048,"completion_tokens":12,"total_tokens":2060,"prompt_tokens_details":{"cached_tokens":1024,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}""" + "\n\n";
    private const string Done = "data: [DONE]\n\n";
    private const string Stream = Chunk0 + Chunk1 + Chunk2 + Chunk3 + Finish + UsageChunk + Done;

    [Fact]
    public async Task Stream_ClientDidNotAskForUsage_LosesOnlyTheUsageChunkAtEverySplit()
    {
        var bytes = Encoding.UTF8.GetBytes(Stream);
        var expected = Chunk0 + Chunk1 + Chunk2 + Chunk3 + Finish + Done;
        for (var split = 0; split <= bytes.Length; split++)
        {
            var context = await PluginHarness.AccessAsync(OpenAiProvider(), ChatPath, StreamRequest);
            var seen = await OpenAiSupport.RespondAsync(context, 200, "text/event-stream", [bytes[..split], bytes[split..]]);

            Assert.True(expected == OpenAiSupport.Text(seen), $"split at {split}");
        }
    }

    [Fact]
    public async Task Stream_CrLfFramed_LosesOnlyTheUsageChunk()
    {
        var crlf = Stream.Replace("\n", "\r\n", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(crlf);
        var context = await PluginHarness.AccessAsync(OpenAiProvider(), ChatPath, StreamRequest);

        var seen = await OpenAiSupport.RespondAsync(context, 200, "text/event-stream", PluginHarness.Chunks(bytes, 7));

        Assert.Equal(crlf.Replace(UsageChunk.Replace("\n", "\r\n", StringComparison.Ordinal), "", StringComparison.Ordinal), OpenAiSupport.Text(seen));
    }

    [Fact]
    public async Task Stream_EachEventLeavesWithTheByteThatCompletesIt()
    {
        var bytes = Encoding.UTF8.GetBytes(Stream);
        var context = await PluginHarness.AccessAsync(OpenAiProvider(), ChatPath, StreamRequest);

        var seen = await OpenAiSupport.RespondAsync(context, 200, "text/event-stream", bytes.Select(b => new[] { b }));

        var firstEnd = Encoding.UTF8.GetByteCount(Chunk0);
        Assert.All(seen.Take(firstEnd - 1), c => Assert.Empty(c));
        Assert.Equal(Chunk0, Encoding.UTF8.GetString(seen[firstEnd - 1]));
    }

    [Fact]
    public async Task Stream_ClientAskedForUsage_PassesThroughUntouched()
    {
        var bytes = Encoding.UTF8.GetBytes(Stream);
        var context = await PluginHarness.AccessAsync(OpenAiProvider(), ChatPath, StreamRequestAskingUsage);

        var seen = await PluginHarness.RespondAsync(context, 200, "text/event-stream", PluginHarness.Chunks(bytes, 100));

        Assert.Equal(Stream, string.Concat(seen.Select(c => Encoding.UTF8.GetString(c))));
    }

    [Theory]
    [InlineData(StreamRequest)]
    [InlineData(StreamRequestAskingUsage)]
    public async Task Stream_LogsTheProvidersExactUsageWithCachedTokensAndCost(string request)
    {
        var config = OpenAiProvider(options: """{"input_cost":2.0,"output_cost":8.0,"cache_read_cost":0.5}""");
        var context = await PluginHarness.AccessAsync(config, ChatPath, request);
        await PluginHarness.RespondAsync(context, 200, "text/event-stream", PluginHarness.Chunks(Encoding.UTF8.GetBytes(Stream), 13));

        var log = await PluginHarness.LogAsync(context);

        var usage = OpenAiSupport.WithoutTimings(log["ai.proxy.usage"]!);
        // 1024 uncached at 2.0 + 1024 cached at 0.5 + 12 output at 8.0, per million.
        OpenAiSupport.AssertJson("""
            {"prompt_tokens":2048,"completion_tokens":12,"total_tokens":2060,"cost":0.002656,
             "prompt_tokens_details":{"cached_tokens":1024,"cache_creation_tokens":0},"completion_tokens_details":{}}
            """, usage);
        var meta = log["ai.proxy.meta"]!;
        Assert.Equal("openai", meta["provider_name"]!.GetValue<string>());
        Assert.Equal("gpt-4.1-mini", meta["request_model"]!.GetValue<string>());
        Assert.Equal("gpt-4.1-mini-2025-04-14", meta["response_model"]!.GetValue<string>());
        Assert.Equal("stream", meta["request_mode"]!.GetValue<string>());
        Assert.Null(meta["response_incomplete"]);
        Assert.Null(meta["usage_problem"]);
        Assert.True(log["ai.proxy.usage"]!["time_to_first_token"]!.GetValue<long>() >= 0);
    }

    [Fact]
    public async Task Stream_CutBeforeTheUsageChunk_CountsTheOutputChunksSeenAndSaysSo()
    {
        var context = await PluginHarness.AccessAsync(OpenAiProvider(), ChatPath, StreamRequest);
        await PluginHarness.RespondAsync(context, 200, "text/event-stream", [Encoding.UTF8.GetBytes(Chunk0 + Chunk1 + Chunk2 + Chunk3)]);

        var log = await PluginHarness.LogAsync(context);

        Assert.Equal(3, log["ai.proxy.usage"]!["completion_tokens"]!.GetValue<long>());
        Assert.True(log["ai.proxy.meta"]!["response_incomplete"]!.GetValue<bool>());
        Assert.Contains("3 content deltas", log["ai.proxy.meta"]!["usage_problem"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonStreaming_PassesThroughAndLogsUsage()
    {
        const string Answer = """{"id":"chatcmpl-2","object":"chat.completion","created":1,"model":"gpt-4.1-mini-2025-04-14","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11,"prompt_tokens_details":{"cached_tokens":0}}}""";
        var context = await PluginHarness.AccessAsync(OpenAiProvider(), ChatPath, """{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"hi"}]}""");

        var seen = await PluginHarness.RespondAsync(context, 200, "application/json", [Encoding.UTF8.GetBytes(Answer)]);
        var log = await PluginHarness.LogAsync(context);

        Assert.Equal(Answer, Encoding.UTF8.GetString(seen.Single()));
        Assert.Equal("openai/gpt-4.1-mini", context.HttpContext.Response.Headers["X-Kong-LLM-Model"].ToString());
        Assert.Equal(9, log["ai.proxy.usage"]!["prompt_tokens"]!.GetValue<long>());
        Assert.Equal(2, log["ai.proxy.usage"]!["completion_tokens"]!.GetValue<long>());
        Assert.Equal("gpt-4.1-mini-2025-04-14", log["ai.proxy.meta"]!["response_model"]!.GetValue<string>());
    }

    [Fact]
    public async Task ProviderError_PassesThroughAndIsLogged()
    {
        const string Error = """{"error":{"message":"Rate limit reached","type":"tokens","param":null,"code":"rate_limit_exceeded"}}""";
        var context = await PluginHarness.AccessAsync(OpenAiProvider(), ChatPath, StreamRequest);

        var seen = await PluginHarness.RespondAsync(context, 429, "application/json", [Encoding.UTF8.GetBytes(Error)]);
        var log = await PluginHarness.LogAsync(context);

        Assert.Equal(Error, Encoding.UTF8.GetString(seen.Single()));
        Assert.Equal("tokens", log["ai.proxy.meta"]!["response_error"]!["type"]!.GetValue<string>());
        Assert.Equal("Rate limit reached", log["ai.proxy.meta"]!["response_error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task GatewayError_IsWrittenInOpenAiShape()
    {
        var context = await PluginHarness.AccessAsync(OpenAiProvider(), ChatPath, StreamRequest);
        context.SourceOverride = Gateway.Plugins.ResponseSource.Error;

        var seen = await OpenAiSupport.RespondAsync(context, 502, "application/json",
            [Encoding.UTF8.GetBytes("""{"message":"An invalid response was received from the upstream server"}""")]);

        OpenAiSupport.AssertJson("""{"error":{"message":"An invalid response was received from the upstream server","type":"api_error","param":null,"code":null}}""",
            JsonNode.Parse(seen[^1]));
    }
}
