using System.Text.Json.Nodes;
using Gateway.Host.Configuration.Model;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>Reads and validates one route (Kong routes.lua and routes_subschemas.lua, http flavour).</summary>
internal static class RouteReader
{
    private static readonly HashSet<string> Allowed =
    [
        "id", "name", "paths", "methods", "hosts", "headers", "strip_path", "preserve_host", "regex_priority",
        "protocols", "path_handling", "https_redirect_status_code", "request_buffering", "response_buffering",
        "snis", "sources", "destinations", "tags", "service", "plugins", "expression", "priority",
    ];

    public static RouteDraft Read(
        JsonObject obj, string location, ICollection<string> errors, string formatVersion, bool nested)
    {
        var f = new EntityFields(obj, location, errors, Allowed);
        var id = IdField.Read(f);

        EntityRef? serviceRef = null;
        if (nested && f.Has("service"))
            f.Error("field 'service' cannot be set on a route nested under a service");
        else if (!nested)
            serviceRef = EntityRef.Read(f, "service");

        var protocols = ReadProtocols(f);
        var methods = f.StringList("methods") ?? [];
        foreach (var method in methods.Where(m => !RouteFieldRules.IsMethod(m)))
            f.Error($"field 'methods': invalid method '{method}' (methods are uppercase letters, e.g. GET)");
        var hosts = f.StringList("hosts") ?? [];
        foreach (var host in hosts)
            RouteFieldRules.ValidateHost(f, host);
        var paths = (f.StringList("paths") ?? []).Select(p => RouteFieldRules.MigratePath(p, formatVersion)).ToList();
        foreach (var path in paths)
            RouteFieldRules.ValidatePath(f, path);
        var headers = RouteFieldRules.ReadHeaders(f);

        RejectNonEmpty(f, "snis", "field 'snis' is not supported yet (TLS SNI routing)");
        foreach (var field in ((string[])["expression", "priority"]).Where(f.Has))
            f.Error($"field '{field}' is not supported yet (the expressions router)");
        RejectNonEmpty(f, "sources", "field 'sources' cannot be set when protocols are http or https");
        RejectNonEmpty(f, "destinations", "field 'destinations' cannot be set when protocols are http or https");

        // An expression route matches by its expression; its missing paths are not a second problem.
        if (methods.Count == 0 && hosts.Count == 0 && headers.Count == 0 && paths.Count == 0 && !f.Has("expression"))
            f.Error("must set at least one of 'methods', 'hosts', 'headers' or 'paths' for http/https routes");

        var pathHandling = f.String("path_handling") ?? "v0";
        if (pathHandling is not ("v0" or "v1"))
            f.Error("field 'path_handling' must be one of v0, v1");

        var redirect = f.Int("https_redirect_status_code", 0, 999) ?? 426;
        if (redirect is not (426 or 301 or 302 or 307 or 308))
            f.Error("field 'https_redirect_status_code' must be one of 426, 301, 302, 307, 308");

        var entity = new RouteEntity
        {
            Id = id ?? "",
            Name = f.String("name"),
            Protocols = protocols,
            Methods = methods,
            Hosts = hosts,
            Paths = paths,
            Headers = headers,
            StripPath = f.Bool("strip_path") ?? true,
            PreserveHost = f.Bool("preserve_host") ?? false,
            RegexPriority = f.Int("regex_priority", int.MinValue, int.MaxValue) ?? 0,
            PathHandling = pathHandling,
            HttpsRedirectStatusCode = redirect,
            RequestBuffering = f.Bool("request_buffering") ?? true,
            ResponseBuffering = f.Bool("response_buffering") ?? true,
            Tags = f.StringList("tags") ?? [],
        };

        var plugins = EntityList.ReadNested(f, "plugins", (o, loc) => PluginReader.Read(o, loc, errors));
        return new RouteDraft(id, entity, serviceRef, location, plugins);
    }

    private static List<string> ReadProtocols(EntityFields f)
    {
        var protocols = f.StringList("protocols");
        if (protocols is null)
            return ["http", "https"];
        if (protocols.Count == 0)
            f.Error("field 'protocols' must not be empty");
        foreach (var protocol in protocols.Where(p => p is not ("http" or "https")))
            f.Error($"field 'protocols': '{protocol}' routes are not supported here (only http and https)");
        return protocols.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void RejectNonEmpty(EntityFields f, string field, string message)
    {
        var node = f.Raw(field);
        if (node is null || node is JsonArray { Count: 0 })
            return;
        f.Error(message);
    }
}
