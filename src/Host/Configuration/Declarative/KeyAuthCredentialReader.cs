using System.Text.Json.Nodes;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// Reads one <c>keyauth_credentials</c> entry (Kong's key-auth daos.lua): nested under a consumer, or at the top
/// level with <c>consumer:</c>. Messages never quote the key.
/// </summary>
internal static class KeyAuthCredentialReader
{
    private static readonly HashSet<string> Allowed = ["id", "key", "tags", "ttl", "consumer", "created_at"];

    public static KeyAuthCredentialDraft Read(JsonObject obj, string location, ICollection<string> errors, bool nested)
    {
        var f = new EntityFields(obj, location, errors, Allowed);
        var id = IdField.Read(f);
        var key = f.String("key");
        if (key is null && !f.Has("key"))
        {
            // Kong generates a random key when none is given; in a declarative file that key would change on every
            // start and nobody could know it.
            f.Error("field 'key' is required (a generated key would change on every start)");
        }
        else if (key is not null && key.Length == 0)
        {
            f.Error("field 'key' must not be empty");
        }
        else if (key is not null && key.Any(char.IsControl))
        {
            f.Error("field 'key' must not contain control characters (no client could send it in a header)");
        }

        if (f.Has("ttl"))
            f.Error("field 'ttl' is not supported: keys do not expire in this gateway");

        var consumerRef = EntityRef.Read(f, "consumer");
        if (!nested && consumerRef is null && !f.Has("consumer"))
            f.Error("field 'consumer' is required (or nest the credential under its consumer)");

        return new KeyAuthCredentialDraft(id, string.IsNullOrEmpty(key) ? null : key, f.StringList("tags") ?? [], nested ? null : consumerRef, location);
    }
}
