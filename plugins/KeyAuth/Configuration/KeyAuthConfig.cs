using System.ComponentModel.DataAnnotations;

namespace Gateway.Plugins.KeyAuth.Configuration;

/// <summary>The key-auth plugin's <c>config</c> object: Kong 3.13's field names and defaults.</summary>
internal sealed record KeyAuthConfig : IValidatableObject
{
    /// <summary>Where to look for the key, in order: each name as a header, then a query argument, then a body
    /// field. <c>authorization</c> also accepts <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    public IReadOnlyList<string> KeyNames { get; init; } = ["apikey"];

    /// <summary>Remove the key from the request before it goes upstream (Kong 3.13's default: false).</summary>
    public bool HideCredentials { get; init; }

    /// <summary>A consumer id or username to identify the request with when authentication fails; null: answer
    /// 401.</summary>
    public string? Anonymous { get; init; }

    public bool KeyInHeader { get; init; } = true;

    public bool KeyInQuery { get; init; } = true;

    /// <summary>Look in a JSON or form-urlencoded body (read up to <see cref="KeyLookup.MaxBodyBytes"/>).</summary>
    public bool KeyInBody { get; init; }

    /// <summary>false: <c>OPTIONS</c> requests pass without a key (CORS preflights carry none).</summary>
    public bool RunOnPreflight { get; init; } = true;

    /// <summary>Sent in <c>WWW-Authenticate: Key realm="..."</c>.</summary>
    public string? Realm { get; init; }

    /// <summary>Kong Konnect's centrally managed consumers; bound only to reject it with a clear message.</summary>
    public System.Text.Json.JsonElement? IdentityRealms { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // An explicit null binds as null: Kong's "required field missing".
        var names = KeyNames ?? [];
        if (names.Count == 0)
        {
            yield return new ValidationResult("key_names must name at least one header, query argument or body field", ["key_names"]);
        }

        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                yield return new ValidationResult("each key name may only contain letters, digits, '-' and '_' (Kong's header-name rule)", [$"key_names[{i}]"]);
            }
        }

        if (Realm is not null && Realm.Any(c => char.IsControl(c) || c is '"' or '\\'))
        {
            yield return new ValidationResult("realm must not contain control characters, quotes or backslashes (it is sent in WWW-Authenticate)", ["realm"]);
        }

        if (Anonymous is { Length: 0 })
        {
            yield return new ValidationResult("anonymous must be a consumer id or username, or left out", ["anonymous"]);
        }

        if (IdentityRealms is { ValueKind: not System.Text.Json.JsonValueKind.Null })
        {
            yield return new ValidationResult("identity_realms (Konnect-managed consumers) is not supported; declare consumers in the config", ["identity_realms"]);
        }
    }
}
