using Prometheus;

namespace Gateway.Plugins.Prometheus.Metrics;

/// <summary>The client label children of one provider, model and client, made once and reused.</summary>
internal sealed class ClientSeries
{
    public ClientSeries(KongMetrics metrics, string provider, string model, string client)
    {
        Requests = metrics.ClientRequests.WithLabels(provider, model, client);
        Cost = metrics.ClientCost.WithLabels(provider, model, client);
        Tokens = new TokenCounters(type => metrics.ClientTokens.WithLabels(provider, model, type, client));
    }

    public Counter.Child Requests { get; }

    public Counter.Child Cost { get; }

    public TokenCounters Tokens { get; }
}
