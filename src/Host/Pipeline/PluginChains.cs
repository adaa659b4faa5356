using Gateway.Plugins;

namespace Gateway.Host.Pipeline;

/// <summary>The resolved chains: one per route id, the global chain for requests no route matched, and each
/// plugin's instances for its configure phase. <see cref="Consumers"/> is null when no instance is consumer-scoped,
/// so a request's chain never changes after authentication.</summary>
internal sealed record PluginChains(
    IReadOnlyDictionary<string, PluginChain> ByRoute,
    PluginChain Global,
    IReadOnlyDictionary<IGatewayPlugin, IReadOnlyList<PluginInstance>> InstancesByPlugin)
{
    public ConsumerChains? Consumers { get; init; }
}
