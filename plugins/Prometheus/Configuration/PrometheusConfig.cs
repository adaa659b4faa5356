using System.ComponentModel.DataAnnotations;

namespace Gateway.Plugins.Prometheus.Configuration;

/// <summary>The <c>config</c> object of a prometheus instance: Kong's schema, plus the bounded AI client label.</summary>
internal sealed record PrometheusConfig : IValidatableObject
{
    /// <summary>The most client label values <see cref="AiClientLabelLimit"/> may be set to.</summary>
    public const int MaxClientLabelLimit = 10_000;

    /// <summary>Kong: fill the <c>consumer</c> label (of <c>kong_http_requests_total</c>, <c>kong_bandwidth_bytes</c>
    /// and the <c>kong_ai_llm_*</c> families) with the authenticated consumer's username, else its custom id. Off, or
    /// without a consumer, the label is <c>""</c>.</summary>
    public bool PerConsumer { get; init; }

    /// <summary>Record <c>kong_http_requests_total</c>.</summary>
    public bool StatusCodeMetrics { get; init; }

    /// <summary>Record <c>kong_kong_latency_ms</c>, <c>kong_upstream_latency_ms</c> and <c>kong_request_latency_ms</c>.</summary>
    public bool LatencyMetrics { get; init; }

    /// <summary>Record <c>kong_bandwidth_bytes</c>.</summary>
    public bool BandwidthMetrics { get; init; }

    /// <summary>Kong: export <c>kong_upstream_target_health</c>. Accepted; the gateway has no upstream entities or
    /// health checks, so there is nothing to export.</summary>
    public bool UpstreamHealthMetrics { get; init; }

    /// <summary>Kong: export Proxy-Wasm filter metrics. Accepted; the gateway runs no Wasm filters.</summary>
    public bool WasmMetrics { get; init; }

    /// <summary>Record the <c>kong_ai_llm_*</c> series from the usage ai-proxy publishes.</summary>
    public bool AiMetrics { get; init; }

    /// <summary>Ours: also count AI requests, tokens and cost per client (<c>kong_ai_llm_client_*</c>), keyed by the
    /// Claude Code session or the user-agent family. Off by default.</summary>
    public AiClientLabel AiClientLabel { get; init; } = AiClientLabel.None;

    /// <summary>Ours: how many distinct client label values get their own series; later ones are counted under
    /// <c>other</c>, so the label set never grows past this many plus two (<c>other</c> and <c>""</c>).</summary>
    public int AiClientLabelLimit { get; init; } = 100;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AiClientLabelLimit is < 1 or > MaxClientLabelLimit)
        {
            yield return new ValidationResult($"must be between 1 and {MaxClientLabelLimit}", ["ai_client_label_limit"]);
        }

        if (AiClientLabel != AiClientLabel.None && !AiMetrics)
        {
            yield return new ValidationResult("needs ai_metrics: true", ["ai_client_label"]);
        }
    }
}
