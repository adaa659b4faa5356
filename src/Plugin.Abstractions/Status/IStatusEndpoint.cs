using Microsoft.AspNetCore.Http;

namespace Gateway.Plugins;

/// <summary>
/// A plugin that also answers on the status listener (<c>--status-urls</c>, Kong's <c>status_listen</c>), like
/// Kong's <c>status_api</c> modules: prometheus serves <c>GET /metrics</c> this way. The host serves the path only
/// there, never on the proxy listener, and only while the plugin is enabled in the catalog.
/// </summary>
/// <remarks>The host calls the plugin's singleton concurrently, from the status listener's threads.</remarks>
public interface IStatusEndpoint
{
    /// <summary>The exact path answered, starting with <c>/</c>, for example <c>/metrics</c>. Paths the host serves
    /// itself (<c>/status</c>, <c>/status/ready</c>) cannot be taken.</summary>
    string StatusPath { get; }

    /// <summary>Writes the whole response to a <c>GET</c> (or <c>HEAD</c>) on <see cref="StatusPath"/>.</summary>
    /// <param name="context">The status listener's request; its <c>RequestAborted</c> ends the write.</param>
    Task WriteStatusAsync(HttpContext context);
}
