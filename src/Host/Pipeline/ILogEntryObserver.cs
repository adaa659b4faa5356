using Gateway.Plugins;

namespace Gateway.Host.Pipeline;

/// <summary>
/// Sees each request once its log phase has run, with every plugin's serialize values in place: lets code that
/// embeds the gateway (the testing package) read the log entry exactly as a log plugin writes it. A running
/// gateway registers none.
/// </summary>
internal interface ILogEntryObserver
{
    /// <summary>Called once per request, after the last log handler, before the context is disposed.</summary>
    /// <param name="context">The request's context; <see cref="PluginContext.WriteLogEntry"/> gives its entry.</param>
    void Logged(PluginContext context);
}
