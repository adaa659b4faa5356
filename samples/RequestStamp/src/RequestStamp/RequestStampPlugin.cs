using Gateway.Plugins;

namespace RequestStamp;

/// <summary>
/// Stamps every request it applies to: the upstream receives the stamp as a request header (access), the client
/// gets it back as a response header (header_filter), and the log entry carries it as <c>request_stamp.value</c>
/// (log), where file-log and every other log plugin see it.
/// </summary>
internal sealed class RequestStampPlugin : IGatewayPlugin, IAccessPhase, IHeaderFilterPhase, ILogPhase
{
    public string Name => "request-stamp";

    /// <summary>Before ai-proxy (770), so the stamp is on the request whatever the upstream.</summary>
    public int Priority => 800;

    public string Version => "1.0.0";

    public Type ConfigType => typeof(RequestStampConfig);

    public ValueTask AccessAsync(PluginContext context)
    {
        var config = context.GetConfig<RequestStampConfig>();
        context.HttpContext.Request.Headers[config.HeaderName] = config.Value;
        return ValueTask.CompletedTask;
    }

    public ValueTask HeaderFilterAsync(PluginContext context)
    {
        var config = context.GetConfig<RequestStampConfig>();
        context.HttpContext.Response.Headers[config.HeaderName] = config.Value;
        return ValueTask.CompletedTask;
    }

    public ValueTask LogAsync(PluginContext context)
    {
        context.SetSerializeValue("request_stamp.value", context.GetConfig<RequestStampConfig>().Value);
        return ValueTask.CompletedTask;
    }
}
