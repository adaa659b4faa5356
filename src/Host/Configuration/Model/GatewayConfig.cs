namespace Gateway.Host.Configuration.Model;

/// <summary>The merged declarative configuration: every service, route and plugin, with ids resolved, and the
/// consumers with their key-auth credentials.</summary>
internal sealed record GatewayConfig(
    IReadOnlyList<ServiceEntity> Services,
    IReadOnlyList<RouteEntity> Routes,
    IReadOnlyList<PluginEntity> Plugins)
{
    public IReadOnlyList<ConsumerEntity> Consumers { get; init; } = [];
    public IReadOnlyList<KeyAuthCredentialEntity> KeyAuthCredentials { get; init; } = [];
}
