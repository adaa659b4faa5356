using System.Collections.Concurrent;
using Prometheus;

namespace Gateway.Plugins.Prometheus.Metrics;

/// <summary>
/// One route's label children, made on its first request and reused for every later one, so recording a request
/// looks children up instead of building label arrays: after warm-up it allocates nothing.
/// </summary>
internal sealed class RouteSeries
{
    private readonly KongMetrics _metrics;
    private readonly string _service;
    private readonly string _route;

    // Keyed by the consumer label's value (bounded by the configured consumers); "" — no consumer, or per_consumer
    // off — is the common case and skips the lookup.
    private readonly ConcurrentDictionary<string, RouteConsumerSeries> _consumers = new(StringComparer.Ordinal);

    public RouteSeries(KongMetrics metrics, MatchedRoute route)
    {
        _metrics = metrics;
        // Kong: the service's name, else its host, "" without a service; the route's name, else its id.
        _service = route.ServiceName ?? route.ServiceHost ?? string.Empty;
        _route = route.RouteName ?? route.RouteId;
        KongLatency = metrics.KongLatency.WithLabels(_service, _route, KongMetrics.Workspace);
        UpstreamLatency = metrics.UpstreamLatency.WithLabels(_service, _route, KongMetrics.Workspace);
        RequestLatency = metrics.RequestLatency.WithLabels(_service, _route, KongMetrics.Workspace);
        NoConsumer = new RouteConsumerSeries(metrics, _service, _route, string.Empty);
    }

    public Histogram.Child KongLatency { get; }

    public Histogram.Child UpstreamLatency { get; }

    public Histogram.Child RequestLatency { get; }

    /// <summary>The series with <c>consumer=""</c>.</summary>
    public RouteConsumerSeries NoConsumer { get; }

    /// <summary>The series of this route for one <c>consumer</c> label value.</summary>
    public RouteConsumerSeries Consumer(string consumer) =>
        consumer.Length == 0 ? NoConsumer
        : _consumers.TryGetValue(consumer, out var series) ? series
        : _consumers.GetOrAdd(consumer, static (consumer, self) => new RouteConsumerSeries(self._metrics, self._service, self._route, consumer), this);
}
