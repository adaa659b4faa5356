using Gateway.Plugins;

namespace Company.GatewayPlugin;

/// <summary>
/// Sets a response header from its config on every response of the routes, services or globals it is attached
/// to, including the gateway's own answers (404, 502) and other plugins' exits.
/// </summary>
internal sealed class TemplatePrefixPlugin : IGatewayPlugin, IHeaderFilterPhase
{
    /// <summary>The name decK YAML uses: <c>plugins: [{ name: company-gateway-plugin }]</c>.</summary>
    public string Name => "company-gateway-plugin";

    /// <summary>Higher runs first in every phase, like Kong's PRIORITY (ai-proxy is 770, file-log 9).</summary>
    public int Priority => 800;

    public string Version => "1.0.0";

    public Type ConfigType => typeof(TemplatePrefixConfig);

    public ValueTask HeaderFilterAsync(PluginContext context)
    {
        var config = context.GetConfig<TemplatePrefixConfig>();
        context.HttpContext.Response.Headers[config.HeaderName] = config.Value;
        return ValueTask.CompletedTask;
    }
}
