using BenchmarkDotNet.Attributes;
using Gateway.Plugins;
using Gateway.Plugins.AiProxy.OpenAi;
using Gateway.Plugins.AiProxy.Request;
using Gateway.Plugins.AiProxy.Response;
using Microsoft.AspNetCore.Http;

namespace Gateway.Bench.Micro;

/// <summary>
/// What an <c>llm_format: openai</c> route adds to every chunk of a Claude stream: the native route's body_filter
/// work (the side reader) against the same plus the translation into <c>chat.completion.chunk</c>s
/// (<see cref="OpenAiExchange"/>: SSE framing, event reading, Utf8JsonWriter into the pooled buffer). Per chunk,
/// one event per chunk as the upstream flushes; the per-stream state is included.
/// </summary>
[MemoryDiagnoser]
public class ChatStreamTranslationBenchmarks
{
    private byte[][] _events = [];

    [Params(false, true)]
    public bool IncludeUsage { get; set; }

    [GlobalSetup]
    public void Setup() => _events = ClaudeStream.Events();

    /// <summary>The native Anthropic route: the chunk passes through, read on the side.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 70)]
    public long Passthrough_SideReader()
    {
        var facts = new ResponseFacts();
        using var sink = new SseBodySink(facts, captureText: false);
        var now = 1L;
        foreach (var chunk in _events)
        {
            sink.Write(chunk, now++);
        }

        facts.Dispose();
        return facts.Usage.OutputTokens ?? 0;
    }

    /// <summary>The OpenAI route: the same side reading, then each chunk rewritten into OpenAI chunks.</summary>
    [Benchmark(OperationsPerInvoke = 70)]
    public long OpenAi_SideReaderPlusTranslation()
    {
        var facts = new ResponseFacts();
        using var sink = new SseBodySink(facts, captureText: false);
        using var exchange = new OpenAiExchange(1_767_225_600, "claude-sonnet-4-5-20250929", IncludeUsage);
        var response = new DefaultHttpContext().Response;
        response.ContentType = "text/event-stream";
        exchange.OnHeaders(response, ResponseSource.Upstream, RequestKind.Messages);
        var chunk = new BodyChunk();
        var now = 1L;
        var written = 0L;
        foreach (var data in _events)
        {
            sink.Write(data, now++);
            chunk.Reset(data, isEndOfStream: false);
            exchange.OnChunk(chunk);
            written += chunk.Data.Length;
        }

        facts.Dispose();
        return written + (facts.Usage.OutputTokens ?? 0);
    }
}
