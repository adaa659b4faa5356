namespace Gateway.Plugins;

/// <summary>
/// Kong's <c>log</c> phase: runs exactly once per matched request after the response is complete (success,
/// upstream error, exit or client disconnect). Everything other plugins recorded is visible, including
/// <see cref="PluginContext.SetSerializeValue"/> fields. Exceptions are logged and swallowed.
/// </summary>
public interface ILogPhase
{
    /// <summary>Runs the log handler for the plugin instance in <paramref name="context"/>.</summary>
    /// <param name="context">The request's context, positioned on this plugin's instance.</param>
    ValueTask LogAsync(PluginContext context);
}
