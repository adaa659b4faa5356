namespace Gateway.Host.Configuration.Declarative;

/// <summary>A <c>keyauth_credentials</c> entry as read from one file. <see cref="ConsumerRef"/> is set only in the
/// flat top-level form; a nested credential belongs to its parent consumer.</summary>
internal sealed record KeyAuthCredentialDraft(
    string? ExplicitId, string? Key, IReadOnlyList<string> Tags, EntityRef? ConsumerRef, string Location)
{
    // The key must not reach an error message or a log through a record's generated ToString.
    public override string ToString() => $"keyauth_credentials at {Location}";
}
