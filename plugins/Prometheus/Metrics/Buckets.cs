namespace Gateway.Plugins.Prometheus.Metrics;

/// <summary>Histogram bucket bounds in milliseconds: Kong's (exporter.lua), and ours for the series Kong lacks.</summary>
internal static class Buckets
{
    public static readonly double[] KongLatency = [1, 2, 5, 7, 10, 15, 20, 30, 50, 75, 100, 200, 500, 750, 1000, 3000, 6000];

    public static readonly double[] UpstreamLatency = [25, 50, 80, 100, 250, 400, 700, 1000, 2000, 5000, 10000, 30000, 60000];

    public static readonly double[] AiProviderLatency = [250, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000, 10000, 30000, 60000];

    /// <summary>Ours: a streamed answer's first token arrives within a few hundred ms to tens of seconds (long
    /// prompts, extended thinking).</summary>
    public static readonly double[] TimeToFirstToken = [100, 250, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, 30000, 60000];

    /// <summary>Ours: decoding runs at roughly 5-200 ms per token.</summary>
    public static readonly double[] TimePerOutputToken = [1, 2, 5, 10, 15, 20, 30, 50, 75, 100, 200, 500];
}
