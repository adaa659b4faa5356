using System.Text;
using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.OpenAi.Stream;
using Gateway.Plugins.AiProxy.OpenAiUpstream;
using Gateway.Plugins.AiProxy.Tests.OpenAi;
using Gateway.Plugins.AiProxy.Tests.Support;
using static Gateway.Plugins.AiProxy.Tests.OpenAiUpstream.OpenAiProviderSupport;

namespace Gateway.Plugins.AiProxy.Tests.OpenAiUpstream;

/// <summary>What the client sees and what the log counts when an OpenAI-compatible provider answers.</summary>
public sealed class OpenAiProviderResponseTests
{
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
    private const string StreamWithoutUsage = Chunk0 + Chunk1 + Chunk2 + Chunk3 + Finish + Done;

    [Fact]
    public void Stream_ClientDidNotAskForUsage_LosesOnlyTheUsageChunkAtEverySplit()
    {
        // The filter the body filter drives, fed as the host would at every byte offset.
        var bytes = Encoding.UTF8.GetBytes(Stream);
        for (var split = 0; split <= bytes.Length; split++)
        {
            var seen = Filter([bytes[..split], bytes[split..]]);

            Assert.True(StreamWithoutUsage == string.Concat(seen), $"split at {split}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(int.MaxValue)]
    public async Task Stream_ClientDidNotAskForUsage_LosesOnlyTheUsageChunkThroughTheGateway(int chunkSize)
    {
        var seen = await StreamThroughGatewayAsync(StreamRequest, Encoding.UTF8.GetBytes(Stream), chunkSize);

        Assert.Equal(StreamWithoutUsage, seen);
    }

    [Fact]
    public async Task Stream_CrLfFramed_LosesOnlyTheUsageChunk()
    {
        var crlf = Stream.Replace("\n", "\r\n", StringComparison.Ordinal);

        var seen = await StreamThroughGatewayAsync(StreamRequest, Encoding.UTF8.GetBytes(crlf), 7);

        Assert.Equal(crlf.Replace(UsageChunk.Replace("\n", "\r\n", StringComparison.Ordinal), "", StringComparison.Ordinal), seen);
    }

    [Fact]
    public void Stream_EachEventLeavesWithTheByteThatCompletesIt()
    {
        var bytes = Encoding.UTF8.GetBytes(Stream);

        var seen = Filter(bytes.Select(b => new[] { b }));

        var firstEnd = Encoding.UTF8.GetByteCount(Chunk0);
        Assert.All(seen.Take(firstEnd - 1), Assert.Empty);
        Assert.Equal(Chunk0, seen[firstEnd - 1]);
    }

    [Fact]
    public async Task Stream_ClientAskedForUsage_PassesThroughUntouched()
    {
        var seen = await StreamThroughGatewayAsync(StreamRequestAskingUsage, Encoding.UTF8.GetBytes(Stream), 100);

        Assert.Equal(Stream, seen);
    }

    [Theory]
    [InlineData(StreamRequest)]
    [InlineData(StreamRequestAskingUsage)]
    public async Task Stream_LogsTheProvidersExactUsageWithCachedTokensAndCost(string request)
    {
        var config = OpenAiProvider(options: """{"input_cost":2.0,"output_cost":8.0,"cache_read_cost":0.5}""");
        await using var gateway = await StartAsync(config,
            AiProxyGateway.Respond(200, "text/event-stream", AiProxyGateway.Chunks(Encoding.UTF8.GetBytes(Stream), 13)));

        await gateway.SendAsync(ChatRequest(request));

        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;
        var usage = OpenAiSupport.WithoutTimings(log["usage"]!);
        // 1024 uncached at 2.0 + 1024 cached at 0.5 + 12 output at 8.0, per million.
        OpenAiSupport.AssertJson("""
            {"prompt_tokens":2048,"completion_tokens":12,"total_tokens":2060,"cost":0.002656,
             "prompt_tokens_details":{"cached_tokens":1024,"cache_creation_tokens":0},"completion_tokens_details":{}}
            """, usage);
        var meta = log["meta"]!;
        Assert.Equal("openai", meta["provider_name"]!.GetValue<string>());
        Assert.Equal("gpt-4.1-mini", meta["request_model"]!.GetValue<string>());
        Assert.Equal("gpt-4.1-mini-2025-04-14", meta["response_model"]!.GetValue<string>());
        Assert.Equal("stream", meta["request_mode"]!.GetValue<string>());
        Assert.Null(meta["response_incomplete"]);
        Assert.Null(meta["usage_problem"]);
        Assert.True(log["usage"]!["time_to_first_token"]!.GetValue<long>() >= 0);
    }

    [Fact]
    public async Task Stream_CutBeforeTheUsageChunk_CountsTheOutputChunksSeenAndSaysSo()
    {
        await using var gateway = await StartAsync(upstream:
            AiProxyGateway.Respond(200, "text/event-stream", [Encoding.UTF8.GetBytes(Chunk0 + Chunk1 + Chunk2 + Chunk3)]));

        await gateway.SendAsync(ChatRequest(StreamRequest));

        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;
        Assert.Equal(3, log["usage"]!["completion_tokens"]!.GetValue<long>());
        Assert.True(log["meta"]!["response_incomplete"]!.GetValue<bool>());
        Assert.Contains("3 content deltas", log["meta"]!["usage_problem"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonStreaming_PassesThroughAndLogsUsage()
    {
        const string Answer = """{"id":"chatcmpl-2","object":"chat.completion","created":1,"model":"gpt-4.1-mini-2025-04-14","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11,"prompt_tokens_details":{"cached_tokens":0}}}""";
        await using var gateway = await StartAsync(upstream: AiProxyGateway.Respond(200, "application/json", [Encoding.UTF8.GetBytes(Answer)]));

        var (response, body) = await gateway.SendAsync(ChatRequest("""{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(Answer, Encoding.UTF8.GetString(body));
        Assert.Equal("openai/gpt-4.1-mini", string.Join(",", response.Headers.GetValues("X-Kong-LLM-Model")));
        var log = (await gateway.NextLogEntryAsync()).AiProxy()!;
        Assert.Equal(9, log["usage"]!["prompt_tokens"]!.GetValue<long>());
        Assert.Equal(2, log["usage"]!["completion_tokens"]!.GetValue<long>());
        Assert.Equal("gpt-4.1-mini-2025-04-14", log["meta"]!["response_model"]!.GetValue<string>());
    }

    [Fact]
    public async Task ProviderError_PassesThroughAndIsLogged()
    {
        const string Error = """{"error":{"message":"Rate limit reached","type":"tokens","param":null,"code":"rate_limit_exceeded"}}""";
        await using var gateway = await StartAsync(upstream: AiProxyGateway.Respond(429, "application/json", [Encoding.UTF8.GetBytes(Error)]));

        var (response, body) = await gateway.SendAsync(ChatRequest(StreamRequest));

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal(Error, Encoding.UTF8.GetString(body));
        var meta = (await gateway.NextLogEntryAsync()).AiProxy()!["meta"]!;
        Assert.Equal("tokens", meta["response_error"]!["type"]!.GetValue<string>());
        Assert.Equal("Rate limit reached", meta["response_error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task GatewayError_IsWrittenInOpenAiShape()
    {
        // The provider never answers: the gateway's own 504 after the service's read_timeout.
        await using var gateway = await StartAsync(upstream: http => Task.Delay(Timeout.Infinite, http.RequestAborted), service: "read_timeout: 300");

        var (response, body) = await gateway.SendAsync(ChatRequest(StreamRequest));

        Assert.Equal(504, (int)response.StatusCode);
        OpenAiSupport.AssertJson("""{"error":{"message":"The upstream server is timing out","type":"api_error","param":null,"code":null}}""",
            JsonNode.Parse(body));
    }

    private static async Task<string> StreamThroughGatewayAsync(string request, byte[] stream, int chunkSize)
    {
        await using var gateway = await StartAsync(upstream:
            AiProxyGateway.Respond(200, "text/event-stream", AiProxyGateway.Chunks(stream, Math.Min(chunkSize, stream.Length))));
        var (response, body) = await gateway.SendAsync(ChatRequest(request));
        Assert.Equal(200, (int)response.StatusCode);
        return Encoding.UTF8.GetString(body);
    }

    /// <summary>What leaves after each chunk, as the body filter drives <see cref="UsageChunkFilter"/>.</summary>
    private static List<string> Filter(IEnumerable<byte[]> chunks)
    {
        using var output = new PooledByteWriter();
        using var filter = new UsageChunkFilter(output);
        var seen = new List<string>();
        foreach (var chunk in chunks)
        {
            output.Clear();
            filter.Feed(chunk);
            seen.Add(Encoding.UTF8.GetString(output.WrittenMemory.Span));
        }

        output.Clear();
        filter.Complete();
        seen[^1] += Encoding.UTF8.GetString(output.WrittenMemory.Span);
        return seen;
    }
}
