using System.Text.Json.Nodes;
using Gateway.Host.Configuration.Model;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>Reads one <c>consumers[]</c> entry (Kong consumers.lua) with its nested key-auth credentials and
/// consumer-scoped plugins.</summary>
internal static class ConsumerReader
{
    private static readonly HashSet<string> Allowed =
    [
        "id", "username", "custom_id", "tags", "created_at", "updated_at", "keyauth_credentials", "plugins",
        "groups", "basicauth_credentials", "jwt_secrets", "acls", "hmacauth_credentials", "oauth2_credentials",
        "mtls_auth_credentials",
    ];

    private static readonly string[] UnsupportedCredentials =
    [
        "basicauth_credentials", "jwt_secrets", "acls", "hmacauth_credentials", "oauth2_credentials", "mtls_auth_credentials",
    ];

    public static ConsumerDraft Read(JsonObject obj, string location, ICollection<string> errors)
    {
        var f = new EntityFields(obj, location, errors, Allowed);
        var id = IdField.Read(f);
        var username = f.String("username");
        var customId = f.String("custom_id");
        if (string.IsNullOrEmpty(username) && string.IsNullOrEmpty(customId))
            f.Error("at least one of 'username' and 'custom_id' must be set");

        // key-auth sends both upstream as X-Consumer-Username and X-Consumer-Custom-ID.
        foreach (var (field, value) in (ReadOnlySpan<(string, string?)>)[("username", username), ("custom_id", customId)])
        {
            if (value is not null && value.Any(char.IsControl))
                f.Error($"field '{field}' must not contain control characters");
        }

        if (f.Has("groups"))
            f.Error("field 'groups' is not supported: consumer groups are not supported yet");
        foreach (var field in UnsupportedCredentials)
        {
            if (f.Has(field))
                f.Error($"field '{field}' is not supported yet (only keyauth_credentials are)");
        }

        var entity = new ConsumerEntity
        {
            Id = id ?? "",
            Username = string.IsNullOrEmpty(username) ? null : username,
            CustomId = string.IsNullOrEmpty(customId) ? null : customId,
            Tags = f.StringList("tags") ?? [],
        };

        var credentials = EntityList.ReadNested(f, "keyauth_credentials", (o, loc) => KeyAuthCredentialReader.Read(o, loc, errors, nested: true));
        var plugins = EntityList.ReadNested(f, "plugins", (o, loc) => PluginReader.Read(o, loc, errors));
        return new ConsumerDraft(id, entity, location, credentials, plugins);
    }
}
