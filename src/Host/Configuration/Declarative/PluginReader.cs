using System.Text.Json.Nodes;
using Gateway.Host.Configuration.Model;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// Reads one plugin entry. Only the envelope is checked; the name and <c>config</c> are bound later by the
/// plugin's own config type, which is the only place that knows them.
/// </summary>
internal static class PluginReader
{
    private static readonly HashSet<string> Allowed =
    [
        "id", "name", "instance_name", "config", "enabled", "protocols", "service", "route", "consumer",
        "consumer_group", "tags", "ordering", "partials",
    ];

    private static readonly HashSet<string> KnownProtocols =
        ["grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp", "ws", "wss"];

    public static PluginDraft Read(JsonObject obj, string location, ICollection<string> errors)
    {
        var f = new EntityFields(obj, location, errors, Allowed);
        var id = IdField.Read(f);
        var name = f.String("name");
        if (name is null && !f.Has("name"))
            f.Error("field 'name' is required");

        // A nested plugin may still name the other scope (decK's nested-foreign-keys files): under a service,
        // 'route' narrows it to that route. The parent's own kind is overridden by the parent, as in Kong.
        var serviceRef = EntityRef.Read(f, "service");
        var routeRef = EntityRef.Read(f, "route");

        var consumerRef = EntityRef.Read(f, "consumer");

        // Scoped to something this gateway does not have: reported once here, and kept out of the plugin table so
        // it does not also collide with the global instance of the same plugin.
        var unsupportedScope = false;
        if (f.Has("consumer_group"))
        {
            f.Error("field 'consumer_group' is not supported: consumer groups are not supported yet");
            unsupportedScope = true;
        }

        if (f.Has("ordering"))
            f.Error("field 'ordering' (dynamic plugin ordering) is not supported yet");
        if (f.Has("partials"))
            f.Error("field 'partials' is not supported: partials are not supported yet");

        var protocols = f.StringList("protocols");
        foreach (var protocol in protocols?.Where(p => !KnownProtocols.Contains(p)) ?? [])
            f.Error($"field 'protocols': unknown protocol '{protocol}'");

        var entity = new PluginEntity
        {
            Id = id ?? "",
            Name = name ?? "",
            InstanceName = f.String("instance_name"),
            Enabled = f.Bool("enabled") ?? true,
            Tags = f.StringList("tags") ?? [],
            // Detached copy: the entity must not keep the whole parsed document alive through Parent.
            Config = (JsonObject?)f.Object("config")?.DeepClone() ?? [],
            Source = location,
        };
        if (protocols is not null)
            entity = entity with { Protocols = protocols };

        return new PluginDraft(id, entity, serviceRef, routeRef, unsupportedScope) { ConsumerRef = consumerRef };
    }
}
