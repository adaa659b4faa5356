namespace Gateway.Plugins;

/// <summary>
/// Kong's <c>header_filter</c> phase: runs once the response status and headers are known (from the upstream or
/// from an exit) and before anything is sent to the client. Change them through
/// <see cref="PluginContext.HttpContext"/>'s <c>Response</c>.
/// </summary>
public interface IHeaderFilterPhase
{
    /// <summary>Runs the header filter for the plugin instance in <paramref name="context"/>.</summary>
    /// <param name="context">The request's context, positioned on this plugin's instance.</param>
    ValueTask HeaderFilterAsync(PluginContext context);
}
