using Gateway.Plugins;

namespace Gateway.Host.Pipeline;

/// <summary>The resolved chains: one per route id, the global chain for requests no route matched, and each
/// plugin's instances for its configure phase.</summary>
internal sealed record PluginChains(
    IReadOnlyDictionary<string, PluginChain> ByRoute,
    PluginChain Global,
    IReadOnlyDictionary<IGatewayPlugin, IReadOnlyList<PluginInstance>> InstancesByPlugin);
