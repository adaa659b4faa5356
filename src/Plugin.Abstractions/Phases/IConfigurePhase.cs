namespace Gateway.Plugins;

/// <summary>
/// Kong's <c>configure</c> phase: called once at startup, after every configuration has been bound and validated,
/// with all of this plugin's instances, before any request. Build here what each instance needs per request
/// (compile templates, parse endpoints, open files or clients) and attach it with
/// <see cref="PluginInstance.SetPrepared"/>; the request phases read it with
/// <see cref="PluginContext.GetPrepared{T}"/>. An exception stops the gateway with one line naming the plugin.
/// </summary>
public interface IConfigurePhase
{
    /// <summary>Receives every configured instance of this plugin.</summary>
    /// <param name="instances">The instances, in configuration order.</param>
    /// <param name="cancellationToken">Signalled when startup is aborted.</param>
    ValueTask ConfigureAsync(IReadOnlyList<PluginInstance> instances, CancellationToken cancellationToken);
}
