namespace Gateway.Plugins.KeyAuth.Request;

/// <summary>What the key search found: a key, nothing, or a repeated key.</summary>
internal readonly record struct KeyLookupResult(string? Key, bool IsDuplicate)
{
    public static readonly KeyLookupResult Missing = new(null, false);

    public static readonly KeyLookupResult Duplicate = new(null, true);

    public static KeyLookupResult Found(string? key) => new(key, false);

    // The key must never reach a log through a generated ToString.
    public override string ToString() => IsDuplicate ? "duplicate" : Key is null ? "missing" : "found";
}
