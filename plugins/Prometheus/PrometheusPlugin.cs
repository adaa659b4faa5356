using Gateway.Plugins.Prometheus.Configuration;
using Gateway.Plugins.Prometheus.Metrics;
using Microsoft.AspNetCore.Http;

namespace Gateway.Plugins.Prometheus;

/// <summary>
/// Kong's prometheus plugin: request, latency, bandwidth and AI metrics recorded in the log phase into the plugin's
/// own prometheus-net registry, served as <c>GET /metrics</c> on the status listener.
/// </summary>
internal sealed class PrometheusPlugin : IGatewayPlugin, ILogPhase, IStatusEndpoint
{
    private readonly MetricsRecorder _recorder = new(new KongMetrics());

    public string Name => "prometheus";

    /// <summary>Kong's: after ai-proxy (770) published the usage, before file-log (9).</summary>
    public int Priority => 13;

    public string Version => "1.0.0";

    public Type ConfigType => typeof(PrometheusConfig);

    public string StatusPath => "/metrics";

    internal MetricsRecorder Recorder => _recorder;

    public ValueTask LogAsync(PluginContext context)
    {
        _recorder.Record(context, context.GetConfig<PrometheusConfig>());
        return ValueTask.CompletedTask;
    }

    public Task WriteStatusAsync(HttpContext context) => MetricsExposition.WriteAsync(context, _recorder.Metrics.Registry);
}
