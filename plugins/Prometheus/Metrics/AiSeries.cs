using Prometheus;

namespace Gateway.Plugins.Prometheus.Metrics;

/// <summary>The AI label children of one provider, model, request mode and consumer label, made once and reused.</summary>
internal sealed class AiSeries
{
    public AiSeries(KongMetrics metrics, string provider, string model, bool streaming, string consumer)
    {
        var mode = streaming ? "stream" : "oneshot";
        string[] labels = [provider, model, string.Empty, string.Empty, string.Empty, string.Empty, mode, KongMetrics.Workspace, consumer];
        Requests = metrics.AiRequests.WithLabels(labels);
        Cost = metrics.AiCost.WithLabels(labels);
        ProviderLatency = metrics.AiProviderLatency.WithLabels(labels);
        TimeToFirstToken = metrics.AiTimeToFirstToken.WithLabels(labels);
        TimePerOutputToken = metrics.AiTimePerOutputToken.WithLabels(labels);
        Tokens = new TokenCounters(type => metrics.AiTokens.WithLabels(provider, model, string.Empty, string.Empty, string.Empty, string.Empty, type, KongMetrics.Workspace, consumer));
    }

    public Counter.Child Requests { get; }

    public Counter.Child Cost { get; }

    public Histogram.Child ProviderLatency { get; }

    public Histogram.Child TimeToFirstToken { get; }

    public Histogram.Child TimePerOutputToken { get; }

    public TokenCounters Tokens { get; }
}
