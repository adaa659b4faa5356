using System.Collections.Concurrent;
using Gateway.Plugins;

namespace Gateway.Host.Pipeline;

/// <summary>
/// Consumer-scoped plugin instances, resolved when an auth plugin identifies a consumer (Kong resolves each
/// plugin's config lazily, when the access iterator reaches it). The plugins that ran up to and including the
/// auth plugin keep their instances; every later plugin gets its instance again with the consumer known, in
/// Kong's order (route+service+consumer first, global last) — so a consumer-scoped instance applies only to
/// plugins that run after the auth plugin that identified the consumer, as in Kong.
/// </summary>
internal sealed class ConsumerChains(
    IGatewayPlugin[] ordered, PluginChainBuilder.ScopedInstances[] scopes, IReadOnlySet<string> consumersWithInstances)
{
    // One entry per (chain, auth plugin, consumer with instances): bounded by the configuration, built once.
    private readonly ConcurrentDictionary<(PluginChain Current, IGatewayPlugin Auth, string Consumer, string? Route, string? Service), PluginChain> _cache = new();

    /// <summary>The chain for the rest of a request whose consumer <paramref name="consumerId"/> was just
    /// identified by <paramref name="auth"/>. Slots of the plugins already run stay the same.</summary>
    public PluginChain Resolve(PluginChain current, IGatewayPlugin auth, string? consumerId, string? routeId, string? serviceId)
    {
        // A consumer without instances of its own resolves like no consumer at all.
        var consumer = consumerId is not null && consumersWithInstances.Contains(consumerId) ? consumerId : "";
        return _cache.GetOrAdd((current, auth, consumer, routeId, serviceId), static (key, self) => self.Build(key.Current, key.Auth, key.Consumer, key.Route, key.Service), this);
    }

    private PluginChain Build(PluginChain current, IGatewayPlugin auth, string consumerId, string? routeId, string? serviceId)
    {
        var chain = new List<BoundPlugin>();
        foreach (var bound in current.All)
        {
            if (PluginOrder.Instance.Compare(bound.Plugin, auth) > 0)
                break;
            chain.Add(bound);
        }

        for (var i = 0; i < ordered.Length; i++)
        {
            if (PluginOrder.Instance.Compare(ordered[i], auth) <= 0)
                continue;
            var instance = scopes[i].Pick(routeId, serviceId, consumerId.Length == 0 ? null : consumerId);
            if (instance is not null)
                chain.Add(new BoundPlugin(ordered[i], instance, chain.Count));
        }

        return new PluginChain(chain);
    }
}
