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
        "id", "name", "instance_name", "config", "enabled", "protocols", "service", "route", "consumer", "tags",
        "ordering",
    ];

    private static readonly HashSet<string> KnownProtocols =
        ["grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp", "ws", "wss"];

    public static PluginDraft Read(JsonObject obj, string location, ICollection<string> errors, bool nested)
    {
        var f = new EntityFields(obj, location, errors, Allowed);
        var id = IdField.Read(f);
        var name = f.String("name");
        if (name is null && !f.Has("name"))
            f.Error("field 'name' is required");

        EntityRef? serviceRef = null, routeRef = null;
        if (nested)
        {
            foreach (var scope in ((string[])["service", "route"]).Where(f.Has))
                f.Error($"field '{scope}' cannot be set on a nested plugin; its parent sets the scope");
        }
        else
        {
            serviceRef = EntityRef.Read(f, "service");
            routeRef = EntityRef.Read(f, "route");
        }

        if (f.Has("consumer"))
            f.Error("field 'consumer' is not supported: consumers are not supported yet");
        if (f.Has("ordering"))
            f.Error("field 'ordering' (dynamic plugin ordering) is not supported");

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

        return new PluginDraft(id, entity, serviceRef, routeRef);
    }
}
