using Microsoft.Extensions.Hosting;

namespace Gateway.Host.Status;

/// <summary>
/// Whether the node can take traffic (Kong's <c>GET /status/ready</c>): plugins and config are loaded before the
/// host is built, so it is ready once the proxy listener is up (the host's ApplicationStarted) with a non-empty
/// config, and no longer ready from the moment shutdown begins.
/// </summary>
internal sealed class Readiness(IHostApplicationLifetime lifetime, ConfigurationHash hash)
{
    /// <summary>Null when ready; otherwise Kong's reason.</summary>
    public string? NotReadyReason =>
        lifetime.ApplicationStopping.IsCancellationRequested ? "draining"
        : !lifetime.ApplicationStarted.IsCancellationRequested ? "proxy listener not yet started"
        : hash.IsEmpty ? "no configuration available (empty configuration present)"
        : null;
}
