namespace Gateway.Host.Configuration.Model;

/// <summary>The merged declarative configuration: every service, route and plugin, with ids resolved.</summary>
internal sealed record GatewayConfig(
    IReadOnlyList<ServiceEntity> Services,
    IReadOnlyList<RouteEntity> Routes,
    IReadOnlyList<PluginEntity> Plugins);
