namespace Gateway.Plugins;

/// <summary>Who produced the response (Kong's <c>kong.response.get_source()</c>).</summary>
public enum ResponseSource
{
    /// <summary>The upstream service answered.</summary>
    Upstream,

    /// <summary>A plugin ended the request with <see cref="PluginContext.Exit"/>.</summary>
    Exit,

    /// <summary>The gateway answered with an error (no route, upstream unreachable, plugin failure).</summary>
    Error,
}
