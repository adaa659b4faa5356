namespace Gateway.Plugins;

/// <summary>A <c>keyauth_credentials</c> entry, without its key: what a key lookup returns.</summary>
/// <param name="Id">The credential's id (the config's <c>id</c>, or a stable UUID derived from the consumer and the
/// credential's position).</param>
/// <param name="Consumer">The consumer the credential belongs to.</param>
public sealed record KeyAuthCredential(string Id, Consumer Consumer)
{
    /// <summary>The credential's tags, in declaration order.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
