using Gateway.Host.Configuration.Binding;
using Gateway.Host.Configuration.Model;
using Gateway.Plugins;

namespace Gateway.Host.Pipeline;

/// <summary>
/// Binds every plugin instance's config and resolves, for each route, which instance of each plugin applies:
/// route+service, then route, then service, then global (Kong's <c>lookup_cfg</c>). Consumer-scoped instances
/// cannot be chosen before a consumer is known; <see cref="ConsumerChains"/> resolves them during access.
/// </summary>
internal static class PluginChainBuilder
{
    public static PluginChains Build(GatewayConfig config, IReadOnlyDictionary<string, IGatewayPlugin> plugins, List<string> errors)
    {
        // Declaration order; a later instance for the same plugin and scope replaces an earlier one.
        var instances = new List<(PluginEntity Entity, PluginInstance Instance)>();
        var routes = IdMap(config.Routes, r => r.Id);
        var services = IdMap(config.Services, s => s.Id);
        var consumers = IdMap(config.Consumers, c => c.Id);
        foreach (var entity in config.Plugins)
        {
            if (!plugins.TryGetValue(entity.Name, out var plugin))
            {
                errors.Add($"{entity.Source}: plugin '{entity.Name}' is not loaded (plugins.json loads: {string.Join(", ", plugins.Keys.Order(StringComparer.Ordinal))})");
                continue;
            }

            var bound = PluginConfigBinder.Bind(plugin.ConfigType, entity.Config, entity.Source, errors);
            if (bound is not null && entity.Enabled)
            {
                instances.Add((entity, new PluginInstance(entity.Id, bound, Scope(entity, routes, services, consumers))));
            }
        }

        var ordered = plugins.Values.Order(PluginOrder.Instance).ToArray();
        var scopes = ordered.Select(p => new ScopedInstances(p.Name, instances)).ToArray();
        var byRoute = new Dictionary<string, PluginChain>(StringComparer.Ordinal);
        foreach (var route in config.Routes)
        {
            byRoute[route.Id] = Chain(ordered, scopes, route.Id, route.ServiceId);
        }

        var perPlugin = ordered.ToDictionary(
            p => p,
            p => (IReadOnlyList<PluginInstance>)[.. instances.Where(i => i.Entity.Name == p.Name).Select(i => i.Instance)]);
        var consumerScoped = instances.Where(i => i.Entity.ConsumerId is not null).Select(i => i.Entity.ConsumerId!).ToHashSet(StringComparer.Ordinal);
        return new PluginChains(byRoute, Chain(ordered, scopes, routeId: null, serviceId: null), perPlugin)
        {
            Consumers = consumerScoped.Count == 0 ? null : new ConsumerChains(ordered, scopes, consumerScoped),
        };
    }

    internal static PluginChain Chain(IGatewayPlugin[] ordered, ScopedInstances[] scopes, string? routeId, string? serviceId)
    {
        var chain = new List<BoundPlugin>();
        for (var i = 0; i < ordered.Length; i++)
        {
            var plugin = ordered[i];
            var instance = scopes[i].Pick(routeId, serviceId, consumerId: null);
            if (instance is not null)
            {
                chain.Add(new BoundPlugin(plugin, instance, chain.Count));
            }
        }

        return chain.Count == 0 ? PluginChain.Empty : new PluginChain(chain);
    }

    // The first entity with an id, as a search of the list would find it.
    private static Dictionary<string, T> IdMap<T>(IEnumerable<T> entities, Func<T, string> id)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var entity in entities)
            map.TryAdd(id(entity), entity);
        return map;
    }

    private static string Scope(
        PluginEntity entity, Dictionary<string, RouteEntity> routes, Dictionary<string, ServiceEntity> services, Dictionary<string, ConsumerEntity> consumers)
    {
        var route = entity.RouteId is null ? null : routes.GetValueOrDefault(entity.RouteId);
        var service = entity.ServiceId is null ? null : services.GetValueOrDefault(entity.ServiceId);
        var consumer = entity.ConsumerId is null ? null : consumers.GetValueOrDefault(entity.ConsumerId);
        var parts = new List<string>(3);
        if (route is not null)
            parts.Add($"route:{route.Name ?? route.Id}");
        if (service is not null)
            parts.Add($"service:{service.Name ?? service.Id}");
        if (consumer is not null)
            parts.Add($"consumer:{consumer.Username ?? consumer.CustomId ?? consumer.Id}");
        return parts.Count == 0 ? "global" : string.Join('+', parts);
    }

    /// <summary>
    /// One plugin's instances by scope, so a chain looks its instance up instead of scanning every instance of
    /// every plugin (that scan, per route, made 10,000 routes with 10,000 plugins cost seconds to load). Keys are
    /// Kong's <c>route:service:consumer</c> triple, with empty strings for the parts an instance is not tied to.
    /// </summary>
    internal sealed class ScopedInstances
    {
        private readonly Dictionary<(string Route, string Service, string Consumer), PluginInstance> _byScope = [];

        public ScopedInstances(string name, List<(PluginEntity Entity, PluginInstance Instance)> instances)
        {
            foreach (var (entity, instance) in instances)
            {
                if (entity.Name == name)
                    _byScope[(entity.RouteId ?? "", entity.ServiceId ?? "", entity.ConsumerId ?? "")] = instance;
            }
        }

        /// <summary>Kong's <c>lookup_cfg</c> order: route+service+consumer, route+consumer, service+consumer,
        /// route+service, consumer, route, service, global. Null route and service: the global chain.</summary>
        public PluginInstance? Pick(string? routeId, string? serviceId, string? consumerId)
        {
            var (r, s, c) = (routeId ?? "", serviceId ?? "", consumerId ?? "");
            if (c.Length > 0)
            {
                if (r.Length > 0 && s.Length > 0 && _byScope.TryGetValue((r, s, c), out var all))
                    return all;
                if (r.Length > 0 && _byScope.TryGetValue((r, "", c), out var routeConsumer))
                    return routeConsumer;
                if (s.Length > 0 && _byScope.TryGetValue(("", s, c), out var serviceConsumer))
                    return serviceConsumer;
            }

            if (r.Length > 0 && s.Length > 0 && _byScope.TryGetValue((r, s, ""), out var both))
                return both;
            if (c.Length > 0 && _byScope.TryGetValue(("", "", c), out var consumer))
                return consumer;
            if (r.Length > 0 && _byScope.TryGetValue((r, "", ""), out var route))
                return route;
            if (s.Length > 0 && _byScope.TryGetValue(("", s, ""), out var service))
                return service;
            return _byScope.GetValueOrDefault(("", "", ""));
        }
    }
}
