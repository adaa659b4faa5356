using Gateway.Host.Configuration.Binding;
using Gateway.Host.Configuration.Model;
using Gateway.Plugins;

namespace Gateway.Host.Pipeline;

/// <summary>
/// Binds every plugin instance's config and resolves, for each route, which instance of each plugin applies:
/// route+service, then route, then service, then global (Kong's <c>lookup_cfg</c> without consumers).
/// </summary>
internal static class PluginChainBuilder
{
    public static PluginChains Build(GatewayConfig config, IReadOnlyDictionary<string, IGatewayPlugin> plugins, List<string> errors)
    {
        // Declaration order; a later instance for the same plugin and scope replaces an earlier one.
        var instances = new List<(PluginEntity Entity, PluginInstance Instance)>();
        var routes = IdMap(config.Routes, r => r.Id);
        var services = IdMap(config.Services, s => s.Id);
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
                instances.Add((entity, new PluginInstance(entity.Id, bound, Scope(entity, routes, services))));
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
        return new PluginChains(byRoute, Chain(ordered, scopes, routeId: null, serviceId: null), perPlugin);
    }

    private static PluginChain Chain(IGatewayPlugin[] ordered, ScopedInstances[] scopes, string? routeId, string? serviceId)
    {
        var chain = new List<BoundPlugin>();
        for (var i = 0; i < ordered.Length; i++)
        {
            var plugin = ordered[i];
            var instance = scopes[i].Pick(routeId, serviceId);
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

    private static string Scope(PluginEntity entity, Dictionary<string, RouteEntity> routes, Dictionary<string, ServiceEntity> services)
    {
        var route = entity.RouteId is null ? null : routes.GetValueOrDefault(entity.RouteId);
        var service = entity.ServiceId is null ? null : services.GetValueOrDefault(entity.ServiceId);
        return (route, service) switch
        {
            (null, null) => "global",
            (not null, null) => $"route:{route.Name ?? route.Id}",
            (null, not null) => $"service:{service.Name ?? service.Id}",
            _ => $"route:{route!.Name ?? route.Id}+service:{service!.Name ?? service.Id}",
        };
    }

    /// <summary>
    /// One plugin's instances by scope, so a chain looks its instance up instead of scanning every instance of
    /// every plugin (that scan, per route, made 10,000 routes with 10,000 plugins cost seconds to load).
    /// </summary>
    private sealed class ScopedInstances
    {
        private readonly Dictionary<(string Route, string Service), PluginInstance> _routeAndService = [];
        private readonly Dictionary<string, PluginInstance> _route = new(StringComparer.Ordinal);
        private readonly Dictionary<string, PluginInstance> _service = new(StringComparer.Ordinal);
        private readonly PluginInstance? _global;

        public ScopedInstances(string name, List<(PluginEntity Entity, PluginInstance Instance)> instances)
        {
            foreach (var (entity, instance) in instances)
            {
                if (entity.Name != name)
                    continue;
                switch (entity.RouteId, entity.ServiceId)
                {
                    case (not null, not null):
                        _routeAndService[(entity.RouteId, entity.ServiceId)] = instance;
                        break;
                    case (not null, null):
                        _route[entity.RouteId] = instance;
                        break;
                    case (null, not null):
                        _service[entity.ServiceId] = instance;
                        break;
                    default:
                        _global = instance;
                        break;
                }
            }
        }

        /// <summary>route+service, then route, then service, then global; null route and service: the global chain.</summary>
        public PluginInstance? Pick(string? routeId, string? serviceId)
        {
            if (routeId is not null && serviceId is not null && _routeAndService.TryGetValue((routeId, serviceId), out var both))
                return both;
            if (routeId is not null && _route.TryGetValue(routeId, out var route))
                return route;
            if (serviceId is not null && _service.TryGetValue(serviceId, out var service))
                return service;
            return _global;
        }
    }
}
