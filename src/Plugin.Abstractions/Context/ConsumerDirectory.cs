namespace Gateway.Plugins;

/// <summary>
/// The configured consumers and their credentials, for auth plugins (the host's counterpart of Kong's consumer and
/// credential DAOs). Read-only and shared by every request; lookups do not allocate.
/// </summary>
public abstract class ConsumerDirectory
{
    /// <summary>Finds a consumer by id or, failing that, by username (how Kong resolves an auth plugin's
    /// <c>anonymous</c> setting).</summary>
    /// <param name="idOrUsername">The consumer's id or username.</param>
    /// <returns>The consumer, or null when none has that id or username.</returns>
    public abstract Consumer? Find(string idOrUsername);

    /// <summary>Finds the key-auth credential whose key is <paramref name="key"/>. The comparison runs in constant
    /// time: keys are compared as fixed-length keyed hashes with
    /// <see cref="System.Security.Cryptography.CryptographicOperations.FixedTimeEquals"/>, so neither the time taken nor
    /// an early exit tells a caller how much of a guessed key was right, or how long a real key is.</summary>
    /// <param name="key">The key the client presented.</param>
    /// <returns>The credential, or null when no consumer has that key.</returns>
    public abstract KeyAuthCredential? FindByKeyAuth(ReadOnlySpan<char> key);
}
