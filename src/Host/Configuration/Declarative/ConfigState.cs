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
    private readonly EntityTable<ConsumerEntity> _consumers = new("consumer");
    private readonly EntityTable<KeyAuthCredentialEntity> _credentials = new("keyauth_credential");

    // Each key's credential, to find duplicates without ever putting a key into a message.
    private readonly Dictionary<string, (string Id, string ConsumerId, string Location, string SourceName)> _keys = new(StringComparer.Ordinal);

    public void Apply(FileDraft file, ICollection<string> errors)
    {
        var apply = new FileApply(file.SourceName, errors);

        var routeDrafts = new List<(RouteDraft Draft, string? ServiceId)>();
        var pluginDrafts = new List<(PluginDraft Draft, string? ParentServiceId, string? ParentRouteId, string? ParentConsumerId)>();
        foreach (var service in file.Services)
        {
            var id = apply.Upsert(_services, service.ExplicitId, service.Entity.Name, service.Location,
                newId => service.Entity with { Id = newId });
            routeDrafts.AddRange(service.Routes.Select(r => (r, (string?)id)));
            pluginDrafts.AddRange(service.Plugins.Select(p => (p, (string?)id, (string?)null, (string?)null)));
        }

        routeDrafts.AddRange(file.Routes.Select(r =>
            (r, r.ServiceRef is null ? null : apply.Resolve(_services, r.ServiceRef, r.Location))));
        foreach (var (route, serviceId) in routeDrafts)
        {
            var id = apply.Upsert(_routes, route.ExplicitId, route.Entity.Name, route.Location,
                newId => route.Entity with { Id = newId, ServiceId = serviceId });
            pluginDrafts.AddRange(route.Plugins.Select(p => (p, (string?)null, (string?)id, (string?)null)));
        }

        var credentialDrafts = new List<(KeyAuthCredentialDraft Draft, string? ConsumerId)>();
        foreach (var consumer in file.Consumers)
        {
            var id = apply.Upsert(_consumers, consumer.ExplicitId, ConsumerKey(consumer.Entity), consumer.Location,
                newId => consumer.Entity with { Id = newId });
            credentialDrafts.AddRange(consumer.Credentials.Select(c => (c, (string?)id)));
            pluginDrafts.AddRange(consumer.Plugins.Select(p => (p, (string?)null, (string?)null, (string?)id)));
        }

        credentialDrafts.AddRange(file.KeyAuthCredentials.Select(c =>
            (c, c.ConsumerRef is null ? null : apply.Resolve(_consumers, c.ConsumerRef, c.Location))));
        foreach (var (credential, consumerId) in credentialDrafts)
        {
            if (consumerId is not null && credential.Key is not null)
                ApplyCredential(apply, file.SourceName, credential, consumerId, errors);
        }

        pluginDrafts.AddRange(file.Plugins.Select(p => (p, (string?)null, (string?)null, (string?)null)));
        foreach (var (plugin, parentServiceId, parentRouteId, parentConsumerId) in pluginDrafts)
        {
            if (plugin.UnsupportedScope)
                continue;
            var serviceId = parentServiceId ?? (plugin.ServiceRef is null ? null : apply.Resolve(_services, plugin.ServiceRef, plugin.Entity.Source));
            var routeId = parentRouteId ?? (plugin.RouteRef is null ? null : apply.Resolve(_routes, plugin.RouteRef, plugin.Entity.Source));
            var consumerId = parentConsumerId ?? (plugin.ConsumerRef is null ? null : apply.Resolve(_consumers, plugin.ConsumerRef, plugin.Entity.Source));
            // An unresolved reference is already an error; upserting it as global would add a false duplicate.
            if ((serviceId is null && plugin.ServiceRef is not null) || (routeId is null && plugin.RouteRef is not null)
                || (consumerId is null && plugin.ConsumerRef is not null))
                continue;
            var key = PluginKey(plugin.Entity.Name, serviceId, routeId, consumerId);
            apply.Upsert(_plugins, plugin.ExplicitId, key, plugin.Entity.Source,
                newId => plugin.Entity with { Id = newId, ServiceId = serviceId, RouteId = routeId, ConsumerId = consumerId });
        }
    }

    /// <summary>The configuration, once every file applied; adds the checks that span files (custom_id is
    /// unique among consumers).</summary>
    public GatewayConfig ToConfig(ICollection<string> errors)
    {
        var consumers = _consumers.Items;
        var byCustomId = new Dictionary<string, ConsumerEntity>(StringComparer.Ordinal);
        foreach (var consumer in consumers)
        {
            if (consumer.CustomId is not null && !byCustomId.TryAdd(consumer.CustomId, consumer))
            {
                errors.Add($"consumer {Describe(consumer)}: custom_id '{consumer.CustomId}' is already used by consumer {Describe(byCustomId[consumer.CustomId])}");
            }
        }

        return new GatewayConfig(_services.Items, _routes.Items, _plugins.Items)
        {
            Consumers = consumers,
            KeyAuthCredentials = _credentials.Items,
        };
    }

    private void ApplyCredential(FileApply apply, string sourceName, KeyAuthCredentialDraft credential, string consumerId, ICollection<string> errors)
    {
        string? existingId = null;
        if (_keys.TryGetValue(credential.Key!, out var earlier))
        {
            // A later file repeating a consumer's own key updates that credential, as decK does by Kong's
            // endpoint key; any other repeat gives one key to two credentials.
            if (earlier.ConsumerId == consumerId && earlier.SourceName != sourceName)
            {
                existingId = earlier.Id;
            }
            else
            {
                errors.Add($"{credential.Location}: duplicate key: {earlier.Location} already has the same key (keys must be unique)");
                return;
            }
        }

        var id = apply.Upsert(_credentials, credential.ExplicitId ?? existingId, key: null, credential.Location,
            newId => new KeyAuthCredentialEntity { Id = newId, ConsumerId = consumerId, Key = credential.Key!, Tags = credential.Tags });
        _keys[credential.Key!] = (id, consumerId, credential.Location, sourceName);
    }

    private static string Describe(ConsumerEntity consumer) =>
        consumer.Username is not null ? $"'{consumer.Username}'" : $"id '{consumer.Id}'";

    // Kong's consumer endpoint key is the username; a consumer known only by its custom_id is found by that.
    private static string ConsumerKey(ConsumerEntity consumer) =>
        consumer.Username ?? $"custom_id:{consumer.CustomId}";

    // Kong's plugin cache key: one instance per name and scope. It doubles as the v5 id seed,
    // e.g. "plugin:ai-proxy:route:<route id>".
    private static string PluginKey(string name, string? serviceId, string? routeId, string? consumerId)
    {
        var scope = (serviceId, routeId) switch
        {
            (null, null) => consumerId is null ? "global" : "",
            (_, null) => $"service:{serviceId}",
            (null, _) => $"route:{routeId}",
            _ => $"service:{serviceId}:route:{routeId}",
        };
        return consumerId is null ? $"{name}:{scope}" : $"{name}:{scope}{(scope.Length > 0 ? ":" : "")}consumer:{consumerId}";
    }
}
