namespace Gateway.Bench.LoadGen;

/// <summary>The workloads <c>--only</c> can pick by name; each figure belongs to one (or to every run).</summary>
internal static class Workload
{
    /// <summary>Small request at c=1: closed loop and paced.</summary>
    public const string Latency = "latency";

    /// <summary>c=32 and c=64 closed loop, RSS under c=64.</summary>
    public const string Throughput = "throughput";

    /// <summary>c=64 closed loop with an upstream that answers after 20 ms.</summary>
    public const string SlowUpstream = "slow-upstream";

    /// <summary>Bytes allocated per small request and per stream (.NET columns, EventPipe).</summary>
    public const string Allocation = "allocation";

    /// <summary>64×0 ms and 64×20 ms streams and the Claude Code 90 KB stream (whose ratio needs the small one).</summary>
    public const string Streams = "streams";

    /// <summary>The 4 MB body.</summary>
    public const string Large = "large";

    /// <summary>The concurrent 20 ms stream ramp.</summary>
    public const string Ramp = "ramp";

    /// <summary>OpenAI client → Anthropic through the gateway's <c>llm_format: openai</c> route, against its native stream.</summary>
    public const string OpenAi = "openai";

    /// <summary>The 10,000-route gateway against a 1-route one: last route c=1 p50, time to ready and RSS.</summary>
    public const string Routes = "routes";

    public static readonly string[] All = [Latency, Throughput, SlowUpstream, Allocation, Streams, Large, Ramp, OpenAi, Routes];
}
