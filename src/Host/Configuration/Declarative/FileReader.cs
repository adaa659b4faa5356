using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>Reads one file's top level: the format version, the metadata keys, and the entity arrays.</summary>
internal static class FileReader
{
    private static readonly string[] FormatVersions = ["1.1", "2.1", "3.0"];

    // Metadata decK and Kong accept at the top level; none of it changes what the gateway runs.
    private static readonly HashSet<string> Ignored =
        ["_format_version", "_transform", "_comment", "_ignore", "_info", "_workspace", "_konnect"];

    private static readonly HashSet<string> Unsupported =
    [
        "consumer_groups", "upstreams", "targets", "certificates", "ca_certificates", "snis",
        "vaults", "keys", "key_sets", "partials", "filter_chains", "custom_entities", "licenses", "workspaces",
        "degraphql_routes", "graphql_ratelimiting_cost_decorations", "rbac_roles", "rbac_users",
        // Credentials and consumer-group memberships decK writes at the top level.
        "jwt_secrets", "acls", "basicauth_credentials", "hmacauth_credentials",
        "oauth2_credentials", "mtls_auth_credentials", "consumer_group_consumers", "consumer_group_plugins",
    ];

    public static FileDraft Read(string sourceName, JsonObject root, ICollection<string> errors, ICollection<string> warnings)
    {
        var prefix = sourceName + ": ";
        var formatVersion = ReadFormatVersion(root["_format_version"], prefix, errors);

        foreach (var (key, _) in root)
        {
            if (Ignored.Contains(key) || key is "services" or "routes" or "plugins" or "consumers" or "keyauth_credentials")
                continue;
            errors.Add(Unsupported.Contains(key)
                ? $"{prefix}'{key}' entities are not supported yet"
                : $"{prefix}unknown top-level key '{key}'");
        }

        var services = EntityList.Read(root["services"], prefix, "services", errors,
            (o, loc) => ServiceReader.Read(o, loc, errors, warnings, formatVersion));
        var routes = EntityList.Read(root["routes"], prefix, "routes", errors,
            (o, loc) => RouteReader.Read(o, loc, errors, formatVersion, nested: false));
        var plugins = EntityList.Read(root["plugins"], prefix, "plugins", errors,
            (o, loc) => PluginReader.Read(o, loc, errors));
        var consumers = EntityList.Read(root["consumers"], prefix, "consumers", errors,
            (o, loc) => ConsumerReader.Read(o, loc, errors));
        var credentials = EntityList.Read(root["keyauth_credentials"], prefix, "keyauth_credentials", errors,
            (o, loc) => KeyAuthCredentialReader.Read(o, loc, errors, nested: false));
        return new FileDraft(sourceName, services, routes, plugins) { Consumers = consumers, KeyAuthCredentials = credentials };
    }

    private static string ReadFormatVersion(JsonNode? node, string prefix, ICollection<string> errors)
    {
        // decK accepts the unquoted YAML number 3.0 as well as the string.
        var text = node switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonValue v when v.GetValueKind() == JsonValueKind.Number =>
                JsonNumber.ToDouble(v).ToString("0.0###", CultureInfo.InvariantCulture),
            _ => null,
        };

        if (node is null)
            errors.Add($"{prefix}'_format_version' is required");
        else if (text is null || !FormatVersions.Contains(text))
            errors.Add($"{prefix}'_format_version' must be one of {string.Join(", ", FormatVersions)}");
        return text is not null && FormatVersions.Contains(text) ? text : "3.0";
    }
}
