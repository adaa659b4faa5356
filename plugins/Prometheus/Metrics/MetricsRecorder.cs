using System.Collections.Concurrent;
using Gateway.Plugins.Prometheus.Configuration;

namespace Gateway.Plugins.Prometheus.Metrics;

/// <summary>
/// Records one request in the log phase, as Kong's exporter does: nothing for a request no route matched; the HTTP
/// series by the instance's switches; the AI series from the usage ai-proxy published. Every label child comes from
/// a cache, so after warm-up a request allocates nothing here.
/// </summary>
internal sealed class MetricsRecorder(KongMetrics metrics)
{
    public const string SessionHeader = "x-claude-code-session-id";

    // One entry per route object the host made (reference keys: no hashing of its strings).
    private readonly ConcurrentDictionary<MatchedRoute, RouteSeries> _routes = new(ReferenceEqualityComparer.Instance);
    // The consumer label is bounded by the configured consumers, like the models by what the provider answers.
    private readonly ConcurrentDictionary<(string Provider, string Model, bool Streaming, string Consumer), AiSeries> _ai = new();
    private readonly ConcurrentDictionary<(string Provider, string Model, string Client), ClientSeries> _clients = new();

    public KongMetrics Metrics => metrics;

    public ClientLabelSet ClientLabels { get; } = new();

    public void Record(PluginContext context, PrometheusConfig config)
    {
        if (context.MatchedRoute is not { } route)
        {
            return;
        }

        var consumer = ConsumerLabel.Of(context, config);
        if (config.StatusCodeMetrics || config.LatencyMetrics || config.BandwidthMetrics)
        {
            RecordHttp(context, config, Route(route), consumer);
        }

        if (config.AiMetrics && context.TryGetShared(AiContextKeys.Usage, out var usage))
        {
            RecordAi(context, config, usage, consumer);
        }
    }

    private static void RecordHttp(PluginContext context, PrometheusConfig config, RouteSeries series, string consumer)
    {
        var perConsumer = series.Consumer(consumer);
        if (config.StatusCodeMetrics)
        {
            perConsumer.Requests(context.HttpContext.Response.StatusCode, context.ResponseSource == ResponseSource.Upstream).Inc();
        }

        if (config.LatencyMetrics)
        {
            var latencies = context.Latencies;
            series.KongLatency.Observe(latencies.Gateway.TotalMilliseconds);
            if (latencies.Upstream is { } upstream)
            {
                series.UpstreamLatency.Observe(upstream.TotalMilliseconds);
            }

            series.RequestLatency.Observe(latencies.Request.TotalMilliseconds);
        }

        if (config.BandwidthMetrics)
        {
            if (context.BodyBytesReceived is > 0 and var received)
            {
                perConsumer.Ingress.Inc(received);
            }

            if (context.BodyBytesSent is > 0 and var sent)
            {
                perConsumer.Egress.Inc(sent);
            }
        }
    }

    private void RecordAi(PluginContext context, PrometheusConfig config, AiUsage usage, string consumer)
    {
        var series = Ai(usage.Provider, usage.RequestModel, usage.Streaming, consumer);
        series.Requests.Inc();
        if (usage.Cost > 0)
        {
            series.Cost.Inc(usage.Cost);
        }

        series.ProviderLatency.Observe(usage.ProviderLatency.TotalMilliseconds);
        series.Tokens.Add(usage);
        if (usage.Streaming)
        {
            if (usage.TimeToFirstToken is { } ttft)
            {
                series.TimeToFirstToken.Observe(ttft.TotalMilliseconds);
            }

            if (usage.TimePerOutputToken is { } tpot)
            {
                series.TimePerOutputToken.Observe(tpot.TotalMilliseconds);
            }
        }

        if (config.AiClientLabel != AiClientLabel.None)
        {
            var client = Client(context, config);
            var clientSeries = Client(usage.Provider, usage.RequestModel, client);
            clientSeries.Requests.Inc();
            if (usage.Cost > 0)
            {
                clientSeries.Cost.Inc(usage.Cost);
            }

            clientSeries.Tokens.Add(usage);
        }
    }

    private string Client(PluginContext context, PrometheusConfig config)
    {
        var headers = context.HttpContext.Request.Headers;
        // Header values are strings Kestrel already made; only a newly admitted client allocates its label.
        var value = config.AiClientLabel == AiClientLabel.Session
            ? headers[SessionHeader].ToString().AsSpan()
            : ClientLabelSet.UserAgentFamily(headers.UserAgent.ToString());
        return ClientLabels.Resolve(value, config.AiClientLabelLimit);
    }

    private RouteSeries Route(MatchedRoute route) =>
        _routes.TryGetValue(route, out var series)
            ? series
            : _routes.GetOrAdd(route, static (route, metrics) => new RouteSeries(metrics, route), metrics);

    private AiSeries Ai(string provider, string model, bool streaming, string consumer) =>
        _ai.TryGetValue((provider, model, streaming, consumer), out var series)
            ? series
            : _ai.GetOrAdd((provider, model, streaming, consumer), static (key, metrics) => new AiSeries(metrics, key.Provider, key.Model, key.Streaming, key.Consumer), metrics);

    private ClientSeries Client(string provider, string model, string client) =>
        _clients.TryGetValue((provider, model, client), out var series)
            ? series
            : _clients.GetOrAdd((provider, model, client), static (key, metrics) => new ClientSeries(metrics, key.Provider, key.Model, key.Client), metrics);
}
