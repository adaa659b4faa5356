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
        var instances = new Dictionary<PluginEntity, PluginInstance>();
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
                instances[entity] = new PluginInstance(entity.Id, bound, Scope(entity, config));
            }
        }

        var ordered = plugins.Values.Order(PluginOrder.Instance).ToArray();
        var byRoute = new Dictionary<string, PluginChain>(StringComparer.Ordinal);
        foreach (var route in config.Routes)
        {
            byRoute[route.Id] = Chain(ordered, instances, route.Id, route.ServiceId);
        }

        var perPlugin = ordered.ToDictionary(
            p => p,
            p => (IReadOnlyList<PluginInstance>)[.. instances.Where(i => i.Key.Name == p.Name).Select(i => i.Value)]);
        return new PluginChains(byRoute, Chain(ordered, instances, routeId: null, serviceId: null), perPlugin);
    }

    private static PluginChain Chain(IGatewayPlugin[] ordered, Dictionary<PluginEntity, PluginInstance> instances, string? routeId, string? serviceId)
    {
        var chain = new List<BoundPlugin>();
        foreach (var plugin in ordered)
        {
            var instance = Pick(instances, plugin.Name, routeId, serviceId);
            if (instance is not null)
            {
                chain.Add(new BoundPlugin(plugin, instance, chain.Count));
            }
        }

        return chain.Count == 0 ? PluginChain.Empty : new PluginChain(chain);
    }

    private static PluginInstance? Pick(Dictionary<PluginEntity, PluginInstance> instances, string name, string? routeId, string? serviceId)
    {
        PluginInstance? routeAndService = null, routeOnly = null, serviceOnly = null, global = null;
        foreach (var (entity, instance) in instances)
        {
            if (entity.Name != name)
            {
                continue;
            }

            var onRoute = entity.RouteId is not null && entity.RouteId == routeId;
            var onService = entity.ServiceId is not null && entity.ServiceId == serviceId;
            if (onRoute && onService)
            {
                routeAndService = instance;
            }
            else if (onRoute && entity.ServiceId is null)
            {
                routeOnly = instance;
            }
            else if (onService && entity.RouteId is null)
            {
                serviceOnly = instance;
            }
            else if (entity.RouteId is null && entity.ServiceId is null)
            {
                global = instance;
            }
        }

        return routeAndService ?? routeOnly ?? serviceOnly ?? global;
    }

    private static string Scope(PluginEntity entity, GatewayConfig config)
    {
        var route = entity.RouteId is null ? null : config.Routes.FirstOrDefault(r => r.Id == entity.RouteId);
        var service = entity.ServiceId is null ? null : config.Services.FirstOrDefault(s => s.Id == entity.ServiceId);
        return (route, service) switch
        {
            (null, null) => "global",
            (not null, null) => $"route:{route.Name ?? route.Id}",
            (null, not null) => $"service:{service.Name ?? service.Id}",
            _ => $"route:{route!.Name ?? route.Id}+service:{service!.Name ?? service.Id}",
        };
    }
}
