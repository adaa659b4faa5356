using Gateway.Plugins.AiProxy.Configuration;
using Gateway.Plugins.AiProxy.OpenAiUpstream;

namespace Gateway.Plugins.AiProxy.Request;

/// <summary>What ai-proxy builds once per configured instance in its configure phase and every request reads back
/// with <see cref="PluginContext.GetPrepared{T}"/>: the upstream endpoint and the encoded body fields, and for an
/// OpenAI-compatible provider (<c>openai</c>, <c>azure</c>) its Chat Completions endpoint.</summary>
internal sealed record PreparedInstance(UpstreamEndpoint Endpoint, ConfiguredFields Fields, OpenAiEndpoint? OpenAiEndpoint)
{
    public static PreparedInstance For(AiProxyConfig config) =>
        new(UpstreamEndpoint.Parse(config.ValidModel.Options.UpstreamUrl), new ConfiguredFields(config.ValidModel),
            ProviderNames.SpeaksOpenAi(config) ? OpenAiEndpoint.Parse(config.ValidModel) : null);
}
