using BenchmarkDotNet.Attributes;
using Gateway.Plugins.AiProxy.Response;

namespace Gateway.Bench.Micro;

/// <summary>
/// ai-proxy's side reader over a 64-delta Claude stream: SSE framing plus usage/model/first-token extraction, the
/// work the body_filter adds to every chunk. Reported per chunk (one event per chunk, as the upstream flushes).
/// </summary>
[MemoryDiagnoser]
public class SseUsageParsingBenchmarks
{
    private byte[][] _events = [];
    private byte[] _coalesced = [];

    [Params(false, true)]
    public bool CaptureText { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _events = ClaudeStream.Events();
        _coalesced = [.. _events.SelectMany(e => e)];
    }

    /// <summary>One whole stream, one event per chunk; the per-stream reader state is included.</summary>
    [Benchmark(OperationsPerInvoke = 70)]
    public long PerChunk_OneEventPerChunk()
    {
        var facts = new ResponseFacts();
        using var sink = new SseBodySink(facts, CaptureText);
        var now = 1L;
        foreach (var chunk in _events)
        {
            sink.Write(chunk, now++);
        }

        sink.Complete();
        facts.Dispose();
        return facts.Usage.OutputTokens ?? 0;
    }

    /// <summary>The same stream in 4 KB reads (what a fast upstream coalesces into).</summary>
    [Benchmark(OperationsPerInvoke = 70)]
    public long PerEvent_Coalesced4K()
    {
        var facts = new ResponseFacts();
        using var sink = new SseBodySink(facts, CaptureText);
        var span = _coalesced.AsSpan();
        var now = 1L;
        while (!span.IsEmpty)
        {
            var n = Math.Min(4096, span.Length);
            sink.Write(span[..n], now++);
            span = span[n..];
        }

        sink.Complete();
        facts.Dispose();
        return facts.Usage.OutputTokens ?? 0;
    }
}
