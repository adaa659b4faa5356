using Gateway.Host.Configuration.Model;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// The gateway's entities as successive <c>deck gateway apply</c> runs leave them: each file creates or
/// updates by id or name and never deletes. Updated entities keep their id and their position, so the
/// router's configuration-order tie-break stays stable.
/// </summary>
internal sealed class ConfigState
{
    private readonly EntityTable<ServiceEntity> _services = new("service");
    private readonly EntityTable<RouteEntity> _routes = new("route");
    private readonly EntityTable<PluginEntity> _plugins = new("plugin");

    public void Apply(FileDraft file, ICollection<string> errors)
    {
        var apply = new FileApply(file.SourceName, errors);

        var routeDrafts = new List<(RouteDraft Draft, string? ServiceId)>();
        var pluginDrafts = new List<(PluginDraft Draft, string? ParentServiceId, string? ParentRouteId)>();
        foreach (var service in file.Services)
        {
            var id = apply.Upsert(_services, service.ExplicitId, service.Entity.Name, service.Location,
                newId => service.Entity with { Id = newId });
            routeDrafts.AddRange(service.Routes.Select(r => (r, (string?)id)));
            pluginDrafts.AddRange(service.Plugins.Select(p => (p, (string?)id, (string?)null)));
        }

        routeDrafts.AddRange(file.Routes.Select(r =>
            (r, r.ServiceRef is null ? null : apply.Resolve(_services, r.ServiceRef, r.Location))));
        foreach (var (route, serviceId) in routeDrafts)
        {
            var id = apply.Upsert(_routes, route.ExplicitId, route.Entity.Name, route.Location,
                newId => route.Entity with { Id = newId, ServiceId = serviceId });
            pluginDrafts.AddRange(route.Plugins.Select(p => (p, (string?)null, (string?)id)));
        }

        pluginDrafts.AddRange(file.Plugins.Select(p => (p, (string?)null, (string?)null)));
        foreach (var (plugin, parentServiceId, parentRouteId) in pluginDrafts)
        {
            if (plugin.UnsupportedScope)
                continue;
            var serviceId = parentServiceId ?? (plugin.ServiceRef is null ? null : apply.Resolve(_services, plugin.ServiceRef, plugin.Entity.Source));
            var routeId = parentRouteId ?? (plugin.RouteRef is null ? null : apply.Resolve(_routes, plugin.RouteRef, plugin.Entity.Source));
            // An unresolved reference is already an error; upserting it as global would add a false duplicate.
            if ((serviceId is null && plugin.ServiceRef is not null) || (routeId is null && plugin.RouteRef is not null))
                continue;
            var key = PluginKey(plugin.Entity.Name, serviceId, routeId);
            apply.Upsert(_plugins, plugin.ExplicitId, key, plugin.Entity.Source,
                newId => plugin.Entity with { Id = newId, ServiceId = serviceId, RouteId = routeId });
        }
    }

    public GatewayConfig ToConfig() => new(_services.Items, _routes.Items, _plugins.Items);

    // Kong's plugin cache key: one instance per name and scope. It doubles as the v5 id seed,
    // e.g. "plugin:ai-proxy:route:<route id>".
    private static string PluginKey(string name, string? serviceId, string? routeId) =>
        (serviceId, routeId) switch
        {
            (null, null) => $"{name}:global",
            (_, null) => $"{name}:service:{serviceId}",
            (null, _) => $"{name}:route:{routeId}",
            _ => $"{name}:service:{serviceId}:route:{routeId}",
        };
}
