using Gateway.Plugins;

namespace Gateway.Host.Status;

/// <summary>What <c>GET /status</c> says about plugins, fixed at startup: Kong's <c>available_on_server</c> (the
/// loaded plugins) and <c>enabled_in_cluster</c> (the names the config uses).</summary>
internal sealed record StatusPlugins(IReadOnlyList<IGatewayPlugin> Available, IReadOnlyList<string> Enabled);
