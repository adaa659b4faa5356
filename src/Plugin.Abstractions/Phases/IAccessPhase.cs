namespace Gateway.Plugins;

/// <summary>
/// Kong's <c>access</c> phase: runs after a route matched and before the request goes upstream. A plugin may
/// change the request, choose the upstream target or end the request with <see cref="PluginContext.Exit"/>.
/// </summary>
public interface IAccessPhase
{
    /// <summary>Runs the access handler for the plugin instance in <paramref name="context"/>.</summary>
    /// <param name="context">The request's context, positioned on this plugin's instance.</param>
    ValueTask AccessAsync(PluginContext context);
}
