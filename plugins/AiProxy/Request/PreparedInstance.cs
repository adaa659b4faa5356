using Gateway.Plugins.AiProxy.Configuration;

namespace Gateway.Plugins.AiProxy.Request;

/// <summary>What ai-proxy builds once per configured instance in its configure phase and every request reads back
/// with <see cref="PluginContext.GetPrepared{T}"/>: the upstream endpoint and the encoded body fields.</summary>
internal sealed record PreparedInstance(UpstreamEndpoint Endpoint, ConfiguredFields Fields)
{
    public static PreparedInstance For(AiProxyConfig config) =>
        new(UpstreamEndpoint.Parse(config.ValidModel.Options.UpstreamUrl), new ConfiguredFields(config.ValidModel));
}
