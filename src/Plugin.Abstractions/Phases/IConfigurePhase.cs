namespace Gateway.Plugins;

/// <summary>
/// Kong's <c>configure</c> phase: called once at startup, after every configuration has been bound and validated,
/// with all of this plugin's instances. Open files or warm caches here; report problems through logging.
/// </summary>
public interface IConfigurePhase
{
    /// <summary>Receives every configured instance of this plugin.</summary>
    /// <param name="instances">The instances, in configuration order.</param>
    /// <param name="cancellationToken">Signalled when startup is aborted.</param>
    ValueTask ConfigureAsync(IReadOnlyList<PluginInstance> instances, CancellationToken cancellationToken);
}
