using System.Collections.Concurrent;
using System.Globalization;
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

    // Keyed by status * 2 + (upstream answered ? 1 : 0): the two labels that vary per request.
    private readonly ConcurrentDictionary<int, Counter.Child> _requests = new();

    public RouteSeries(KongMetrics metrics, MatchedRoute route)
    {
        _metrics = metrics;
        // Kong: the service's name, else its host, "" without a service; the route's name, else its id.
        _service = route.ServiceName ?? route.ServiceHost ?? string.Empty;
        _route = route.RouteName ?? route.RouteId;
        KongLatency = metrics.KongLatency.WithLabels(_service, _route, KongMetrics.Workspace);
        UpstreamLatency = metrics.UpstreamLatency.WithLabels(_service, _route, KongMetrics.Workspace);
        RequestLatency = metrics.RequestLatency.WithLabels(_service, _route, KongMetrics.Workspace);
        Ingress = metrics.Bandwidth.WithLabels(_service, _route, "ingress", KongMetrics.Workspace, string.Empty);
        Egress = metrics.Bandwidth.WithLabels(_service, _route, "egress", KongMetrics.Workspace, string.Empty);
    }

    public Histogram.Child KongLatency { get; }

    public Histogram.Child UpstreamLatency { get; }

    public Histogram.Child RequestLatency { get; }

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
                string.Empty), this);
    }
}
