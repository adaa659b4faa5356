using System.Collections.Concurrent;
using System.Globalization;
using Prometheus;

namespace Gateway.Plugins.Prometheus.Metrics;

/// <summary>
/// The children of one route and one <c>consumer</c> label value in the families that carry it
/// (<c>kong_http_requests_total</c>, <c>kong_bandwidth_bytes</c>), made on first use and reused.
/// </summary>
internal sealed class RouteConsumerSeries
{
    private readonly KongMetrics _metrics;
    private readonly string _service;
    private readonly string _route;
    private readonly string _consumer;

    // Keyed by status * 2 + (upstream answered ? 1 : 0): the two labels that vary per request.
    private readonly ConcurrentDictionary<int, Counter.Child> _requests = new();

    public RouteConsumerSeries(KongMetrics metrics, string service, string route, string consumer)
    {
        _metrics = metrics;
        _service = service;
        _route = route;
        _consumer = consumer;
        Ingress = metrics.Bandwidth.WithLabels(service, route, "ingress", KongMetrics.Workspace, consumer);
        Egress = metrics.Bandwidth.WithLabels(service, route, "egress", KongMetrics.Workspace, consumer);
    }

    public Counter.Child Ingress { get; }

    public Counter.Child Egress { get; }

    public Counter.Child Requests(int status, bool fromService)
    {
        var key = (status * 2) + (fromService ? 1 : 0);
        return _requests.TryGetValue(key, out var child)
            ? child
            : _requests.GetOrAdd(key, static (key, self) => self._metrics.HttpRequests.WithLabels(
                self._service,
                self._route,
                (key / 2).ToString(CultureInfo.InvariantCulture),
                (key & 1) == 1 ? "service" : "kong",
                KongMetrics.Workspace,
                self._consumer), this);
    }
}
