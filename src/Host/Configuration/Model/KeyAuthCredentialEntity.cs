namespace Gateway.Host.Configuration.Model;

/// <summary>A <c>keyauth_credentials</c> entry (Kong's key-auth DAO): a key that identifies one consumer.</summary>
internal sealed record KeyAuthCredentialEntity
{
    public required string Id { get; init; }
    public required string ConsumerId { get; init; }
    /// <summary>The secret key. Never logged, never part of an error message.</summary>
    public required string Key { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];

    // The key must not reach a log through a record's generated ToString.
    public override string ToString() => $"keyauth_credential {Id} (consumer {ConsumerId})";
}
