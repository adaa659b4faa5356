using Gateway.Plugins.Prometheus.Configuration;

namespace Gateway.Plugins.Prometheus.Metrics;

/// <summary>The value of Kong's <c>consumer</c> label for one request.</summary>
internal static class ConsumerLabel
{
    /// <summary>
    /// Kong 3.13: with <c>per_consumer</c> on, the consumer's username, else (3.12+) its custom id; <c>""</c> when the
    /// switch is off or no consumer was identified. The string is the consumer entity's own, so nothing is allocated,
    /// and the values are bounded by the consumers the config declares.
    /// </summary>
    public static string Of(PluginContext context, PrometheusConfig config) =>
        config.PerConsumer && context.Consumer is { } consumer ? consumer.Username ?? consumer.CustomId ?? string.Empty : string.Empty;
}
