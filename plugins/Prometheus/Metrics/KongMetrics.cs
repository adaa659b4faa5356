using System.Reflection;
using Prometheus;

namespace Gateway.Plugins.Prometheus.Metrics;

/// <summary>
/// The plugin's own registry (never prometheus-net's process-wide default) and every metric family in it, with
/// Kong's names, types, label names in Kong's order, and buckets.
/// </summary>
internal sealed class KongMetrics
{
    public const string Workspace = "default";

    private static readonly string[] HttpLabels = ["service", "route", "code", "source", "workspace", "consumer"];
    private static readonly string[] LatencyLabels = ["service", "route", "workspace"];
    private static readonly string[] BandwidthLabels = ["service", "route", "direction", "workspace", "consumer"];
    private static readonly string[] AiLabels = ["ai_provider", "ai_model", "cache_status", "vector_db", "embeddings_provider", "embeddings_model", "request_mode", "workspace", "consumer"];
    private static readonly string[] AiTokenLabels = ["ai_provider", "ai_model", "cache_status", "vector_db", "embeddings_provider", "embeddings_model", "token_type", "workspace", "consumer"];
    private static readonly string[] ClientLabels = ["ai_provider", "ai_model", "client"];
    private static readonly string[] ClientTokenLabels = ["ai_provider", "ai_model", "token_type", "client"];

    public KongMetrics()
    {
        Registry = global::Prometheus.Metrics.NewCustomRegistry();
        var factory = global::Prometheus.Metrics.WithCustomRegistry(Registry);
        // Exemplars come from the ambient trace; the gateway does not trace, and looking for one costs on every
        // observation.
        factory.ExemplarBehavior = new ExemplarBehavior { DefaultExemplarProvider = static (_, _) => Exemplar.None };

        NodeId = Guid.NewGuid().ToString();
        var version = Assembly.GetEntryAssembly()?.GetName().Version?.ToString(3) ?? "unknown";
        factory.CreateGauge("kong_node_info", "Kong Node metadata information", "node_id", "version").WithLabels(NodeId, version).Set(1);
        factory.CreateGauge("kong_datastore_reachable", "Datastore reachable from Kong, 0 is unreachable").Set(1);
        DotNetStats.Register(Registry);

        HttpRequests = factory.CreateCounter("kong_http_requests_total", "HTTP status codes per consumer/service/route in Kong", HttpLabels);
        KongLatency = Histogram(factory, "kong_kong_latency_ms", "Latency added by Kong and enabled plugins for each service/route in Kong", LatencyLabels, Buckets.KongLatency);
        UpstreamLatency = Histogram(factory, "kong_upstream_latency_ms", "Latency added by upstream response for each service/route in Kong", LatencyLabels, Buckets.UpstreamLatency);
        RequestLatency = Histogram(factory, "kong_request_latency_ms", "Total latency incurred during requests for each service/route in Kong", LatencyLabels, Buckets.UpstreamLatency);
        Bandwidth = factory.CreateCounter("kong_bandwidth_bytes", "Total bandwidth (ingress/egress) throughput in bytes", BandwidthLabels);

        AiRequests = factory.CreateCounter("kong_ai_llm_requests_total", "AI requests total per ai_provider in Kong", AiLabels);
        AiCost = factory.CreateCounter("kong_ai_llm_cost_total", "AI requests cost per ai_provider/cache in Kong", AiLabels);
        AiProviderLatency = Histogram(factory, "kong_ai_llm_provider_latency_ms", "LLM response Latency for each AI plugins per ai_provider in Kong", AiLabels, Buckets.AiProviderLatency);
        AiTokens = factory.CreateCounter("kong_ai_llm_tokens_total", "AI tokens total per ai_provider/cache in Kong", AiTokenLabels);
        AiTimeToFirstToken = Histogram(factory, "kong_ai_llm_time_to_first_token_ms", "Streamed LLM responses: time from sending the request to the first content", AiLabels, Buckets.TimeToFirstToken);
        AiTimePerOutputToken = Histogram(factory, "kong_ai_llm_time_per_output_token_ms", "Streamed LLM responses: generation time per output token after the first", AiLabels, Buckets.TimePerOutputToken);

        ClientRequests = factory.CreateCounter("kong_ai_llm_client_requests_total", "AI requests per client (bounded label, see ai_client_label)", ClientLabels);
        ClientTokens = factory.CreateCounter("kong_ai_llm_client_tokens_total", "AI tokens per client and token_type (bounded label, see ai_client_label)", ClientTokenLabels);
        ClientCost = factory.CreateCounter("kong_ai_llm_client_cost_total", "AI cost per client (bounded label, see ai_client_label)", ClientLabels);
    }

    public CollectorRegistry Registry { get; }

    public string NodeId { get; }

    public Counter HttpRequests { get; }

    public Histogram KongLatency { get; }

    public Histogram UpstreamLatency { get; }

    public Histogram RequestLatency { get; }

    public Counter Bandwidth { get; }

    public Counter AiRequests { get; }

    public Counter AiCost { get; }

    public Histogram AiProviderLatency { get; }

    public Counter AiTokens { get; }

    public Histogram AiTimeToFirstToken { get; }

    public Histogram AiTimePerOutputToken { get; }

    public Counter ClientRequests { get; }

    public Counter ClientTokens { get; }

    public Counter ClientCost { get; }

    private static Histogram Histogram(IMetricFactory factory, string name, string help, string[] labels, double[] buckets) =>
        factory.CreateHistogram(name, help, labels, new HistogramConfiguration { Buckets = buckets });
}
