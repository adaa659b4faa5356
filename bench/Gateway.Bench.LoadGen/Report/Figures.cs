using Gateway.Bench.LoadGen.Processes;

namespace Gateway.Bench.LoadGen.Report;

/// <summary>What a figure's ratio is taken against, in the same run.</summary>
internal enum Baseline
{
    None,
    Direct,
    Bare,
}

/// <param name="Id">Stable key (the test and the JSON use it).</param>
/// <param name="Label">Row title in the table.</param>
/// <param name="Unit">Unit shown after the label.</param>
/// <param name="Baseline">The column the ratio is computed against.</param>
/// <param name="Columns">The columns the figure exists for.</param>
/// <param name="Goal">The target, as text, or empty.</param>
/// <param name="Workload">The <see cref="LoadGen.Workload"/> that measures it; null for figures every run has.</param>
internal sealed record Figure(string Id, string Label, string Unit, Baseline Baseline, string[] Columns, string Goal = "", string? Workload = null)
{
    /// <summary>Stands in a label for the route count of the routes workload (fewer with <c>--quick</c>).</summary>
    public const string RoutesPlaceholder = "{routes}";
}

/// <summary>Every figure the harness produces, in table order.</summary>
internal static class Figures
{
    private static readonly string[] All = Target.Keys;
    private static readonly string[] Proxies = [Target.Forwarder, Target.Bare, Target.Gateway, Target.Nginx, Target.Portkey];
    private static readonly string[] Dotnet = [Target.Forwarder, Target.Bare, Target.Gateway];

    public static readonly Figure LatencyP50 = new("latency_p50", "small request c=1 p50", "µs", Baseline.Direct, All) { Workload = LoadGen.Workload.Latency };
    public static readonly Figure LatencyP99 = new("latency_p99", "small request c=1 p99", "µs", Baseline.Direct, All) { Workload = LoadGen.Workload.Latency };
    public static readonly Figure AddedP50 = new("added_p50", "added latency c=1 p50", "µs", Baseline.None, Proxies, "gateway ≤ 50 µs") { Workload = LoadGen.Workload.Latency };
    public static readonly Figure AddedP99 = new("added_p99", "added latency c=1 p99", "µs", Baseline.None, Proxies, "gateway ≤ bare proxy + 250 µs") { Workload = LoadGen.Workload.Latency };
    public static readonly Figure PacedP99 = new("paced_p99", "paced c=1 p99 (CO-corrected)", "µs", Baseline.Direct, All) { Workload = LoadGen.Workload.Latency };
    public static readonly Figure AddedPacedP99 = new("added_paced_p99", "added paced p99", "µs", Baseline.None, Proxies) { Workload = LoadGen.Workload.Latency };
    public static readonly Figure Rps32 = new("rps_c32", "throughput c=32", "req/s", Baseline.Bare, All) { Workload = LoadGen.Workload.Throughput };
    public static readonly Figure Rps64 = new("rps_c64", "throughput c=64", "req/s", Baseline.Bare, All, "gateway ≥ 75 % of bare proxy") { Workload = LoadGen.Workload.Throughput };
    public static readonly Figure Errors = new("errors_c32_c64", "errors at c=32 + c=64", "count", Baseline.None, All, "0") { Workload = LoadGen.Workload.Throughput };
    public static readonly Figure Rps64Slow = new("rps_c64_20ms", "throughput c=64, 20 ms upstream", "req/s", Baseline.Bare, All) { Workload = LoadGen.Workload.SlowUpstream };
    public static readonly Figure Ttft0P99 = new("ttft0_p99", "stream 64×0 ms: TTFT p99", "µs", Baseline.Direct, All) { Workload = LoadGen.Workload.Streams };
    public static readonly Figure AddedTtft0P99 = new("added_ttft0_p99", "stream 64×0 ms: added TTFT p99", "µs", Baseline.None, Proxies, "≤ 1000 µs") { Workload = LoadGen.Workload.Streams };
    public static readonly Figure Gap0P99 = new("gap0_p99", "stream 64×0 ms: inter-chunk gap p99", "µs", Baseline.Direct, All) { Workload = LoadGen.Workload.Streams };
    public static readonly Figure AddedGap0P99 = new("added_gap0_p99", "stream 64×0 ms: added gap p99", "µs", Baseline.None, Proxies, "≤ 200 µs") { Workload = LoadGen.Workload.Streams };
    public static readonly Figure Ttft20P99 = new("ttft20_p99", "stream 64×20 ms: TTFT p99", "µs", Baseline.Direct, All) { Workload = LoadGen.Workload.Streams };
    public static readonly Figure AddedTtft20P99 = new("added_ttft20_p99", "stream 64×20 ms: added TTFT p99", "µs", Baseline.None, Proxies, "≤ 1000 µs") { Workload = LoadGen.Workload.Streams };
    public static readonly Figure Gap20P99 = new("gap20_p99", "stream 64×20 ms: inter-chunk gap p99", "µs", Baseline.Direct, All) { Workload = LoadGen.Workload.Streams };
    public static readonly Figure AddedGap20P99 = new("added_gap20_p99", "stream 64×20 ms: added gap p99", "µs", Baseline.None, Proxies, "≤ 200 µs") { Workload = LoadGen.Workload.Streams };
    public static readonly Figure MaxStreams = new("max_streams", "20 ms streams held without a stall", "streams", Baseline.Direct, All, "1000") { Workload = LoadGen.Workload.Ramp };
    public static readonly Figure CcP50 = new("cc90_p50", "Claude Code 90 KB stream c=1 p50 (whole stream)", "µs", Baseline.Direct, All) { Workload = LoadGen.Workload.Streams };
    public static readonly Figure AddedCcP50 = new("added_cc90_p50", "Claude Code 90 KB: added p50", "µs", Baseline.None, Proxies) { Workload = LoadGen.Workload.Streams };
    public static readonly Figure SmallStreamAddedP50 = new("added_stream0_p50", "small stream 64×0 ms: added p50 (whole stream)", "µs", Baseline.None, Proxies) { Workload = LoadGen.Workload.Streams };
    public static readonly Figure CcCostRatio = new("cc90_cost_ratio", "90 KB added ÷ small added (same stream)", "×", Baseline.None, Proxies, "≤ 2") { Workload = LoadGen.Workload.Streams };
    public static readonly Figure LargeP50 = new("large_p50", "4 MB body c=1 p50", "µs", Baseline.Direct, All) { Workload = LoadGen.Workload.Large };
    public static readonly Figure LargeRssGrowth = new("large_rss_growth", "4 MB body: RSS growth", "MB", Baseline.Bare, Proxies, "< 8 MB (2× body)") { Workload = LoadGen.Workload.Large };
    public static readonly Figure RssIdle = new("rss_idle", "RSS idle", "MB", Baseline.Bare, Proxies);
    public static readonly Figure RssSteady = new("rss_steady", "RSS steady under c=64", "MB", Baseline.Bare, Proxies) { Workload = LoadGen.Workload.Throughput };
    public static readonly Figure RssStreams = new("rss_streams", "RSS peak during stream ramp", "MB", Baseline.Bare, Proxies, "≤ 300 MB") { Workload = LoadGen.Workload.Ramp };
    public static readonly Figure RssAfter = new("rss_after", "RSS after load", "MB", Baseline.Bare, Proxies);
    public static readonly Figure AllocSmall = new("alloc_small", "allocated per small request", "bytes", Baseline.Bare, Dotnet, "≤ 16 KB") { Workload = LoadGen.Workload.Allocation };
    public static readonly Figure AllocStream = new("alloc_stream", "allocated per 64-delta stream", "bytes", Baseline.Bare, Dotnet) { Workload = LoadGen.Workload.Allocation };

    private static readonly string[] GatewayOnly = [Target.Gateway];

    // OpenAI client → Anthropic through the gateway's llm_format: openai route, against its native Anthropic stream
    // in the same rounds (issue 11: added inter-chunk p99 ≤ 0.2 ms).
    public static readonly Figure OpenAiTtft0P99 = new("openai_ttft0_p99", "OpenAI client → Anthropic stream 64×0 ms: TTFT p99", "µs", Baseline.None, GatewayOnly) { Workload = LoadGen.Workload.OpenAi };
    public static readonly Figure OpenAiGap0P99 = new("openai_gap0_p99", "OpenAI client → Anthropic stream 64×0 ms: inter-chunk gap p99", "µs", Baseline.None, GatewayOnly) { Workload = LoadGen.Workload.OpenAi };
    public static readonly Figure OpenAiAddedTtft0P99 = new("openai_added_ttft0_p99", "OpenAI 64×0 ms: TTFT p99 − native stream's (same rounds)", "µs", Baseline.None, GatewayOnly) { Workload = LoadGen.Workload.OpenAi };
    public static readonly Figure OpenAiAddedGap0P99 = new("openai_added_gap0_p99", "OpenAI 64×0 ms: gap p99 − native stream's (same rounds)", "µs", Baseline.None, GatewayOnly, "≤ 200 µs") { Workload = LoadGen.Workload.OpenAi };
    public static readonly Figure OpenAiTtft20P99 = new("openai_ttft20_p99", "OpenAI client → Anthropic stream 64×20 ms: TTFT p99", "µs", Baseline.None, GatewayOnly) { Workload = LoadGen.Workload.OpenAi };
    public static readonly Figure OpenAiGap20P99 = new("openai_gap20_p99", "OpenAI client → Anthropic stream 64×20 ms: inter-chunk gap p99", "µs", Baseline.None, GatewayOnly) { Workload = LoadGen.Workload.OpenAi };
    public static readonly Figure OpenAiAddedTtft20P99 = new("openai_added_ttft20_p99", "OpenAI 64×20 ms: TTFT p99 − native stream's (same rounds)", "µs", Baseline.None, GatewayOnly) { Workload = LoadGen.Workload.OpenAi };
    public static readonly Figure OpenAiAddedGap20P99 = new("openai_added_gap20_p99", "OpenAI 64×20 ms: gap p99 − native stream's (same rounds)", "µs", Baseline.None, GatewayOnly, "≤ 200 µs") { Workload = LoadGen.Workload.OpenAi };

    // The large config end to end (issue 14): the gateway with N services + prefix routes + route-scoped file-logs
    // against the same gateway with one of them, started one after the other, measured interleaved.
    public static readonly Figure RoutesLastP50 = new("routes_last_p50", $"{Figure.RoutesPlaceholder}: last route c=1 p50", "µs", Baseline.None, GatewayOnly) { Workload = LoadGen.Workload.Routes };
    public static readonly Figure RoutesOneP50 = new("routes_one_p50", "1 route: same request c=1 p50", "µs", Baseline.None, GatewayOnly) { Workload = LoadGen.Workload.Routes };
    public static readonly Figure RoutesRatio = new("routes_ratio", $"{Figure.RoutesPlaceholder} ÷ 1 route (c=1 p50, same run)", "×", Baseline.None, GatewayOnly, "≤ 1.1") { Workload = LoadGen.Workload.Routes };
    public static readonly Figure RoutesReady = new("routes_ready", $"config load, {Figure.RoutesPlaceholder}: start to /status/ready", "ms", Baseline.None, GatewayOnly, "≤ 3,000 ms") { Workload = LoadGen.Workload.Routes };
    public static readonly Figure RoutesOneReady = new("routes_one_ready", "config load, 1 route: start to /status/ready", "ms", Baseline.None, GatewayOnly) { Workload = LoadGen.Workload.Routes };
    public static readonly Figure RoutesReadyRss = new("routes_ready_rss", $"config load, {Figure.RoutesPlaceholder}: RSS at ready", "MB", Baseline.None, GatewayOnly, "≤ 300 MB") { Workload = LoadGen.Workload.Routes };
    public static readonly Figure RoutesPeakRss = new("routes_peak_rss", $"config load, {Figure.RoutesPlaceholder}: peak RSS (VmHWM) up to ready", "MB", Baseline.None, GatewayOnly, "≤ 300 MB") { Workload = LoadGen.Workload.Routes };

    public static readonly Figure[] List =
    [
        LatencyP50, LatencyP99, AddedP50, AddedP99, PacedP99, AddedPacedP99,
        Rps32, Rps64, Errors, Rps64Slow,
        Ttft0P99, AddedTtft0P99, Gap0P99, AddedGap0P99, Ttft20P99, AddedTtft20P99, Gap20P99, AddedGap20P99, MaxStreams,
        CcP50, AddedCcP50, SmallStreamAddedP50, CcCostRatio, LargeP50, LargeRssGrowth,
        RssIdle, RssSteady, RssStreams, RssAfter, AllocSmall, AllocStream,
        OpenAiTtft0P99, OpenAiGap0P99, OpenAiAddedTtft0P99, OpenAiAddedGap0P99,
        OpenAiTtft20P99, OpenAiGap20P99, OpenAiAddedTtft20P99, OpenAiAddedGap20P99,
        RoutesLastP50, RoutesOneP50, RoutesRatio, RoutesReady, RoutesOneReady, RoutesReadyRss, RoutesPeakRss,
    ];
}
