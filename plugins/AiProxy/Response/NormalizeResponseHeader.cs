using Gateway.Plugins.AiProxy.Configuration;
using Gateway.Plugins.AiProxy.Request;
using Microsoft.AspNetCore.Http;

namespace Gateway.Plugins.AiProxy.Response;

/// <summary>
/// Kong's normalize-response-header. Upstream replies keep their status and headers (non-2xx pass through as
/// Anthropic sent them); a successful Messages reply gets <c>X-Kong-LLM-Model</c>, and the side reader is chosen
/// from its content type and encoding. A gateway-generated error is prepared for its Anthropic-shaped body.
/// </summary>
internal static class NormalizeResponseHeader
{
    public const string ModelHeader = "X-Kong-LLM-Model";

    public static void Run(PluginContext context, AiProxyConfig config, AiProxyRequestState state)
    {
        var response = context.HttpContext.Response;
        state.ResponseStatus = response.StatusCode;
        switch (context.ResponseSource)
        {
            // Only errors on requests ai-proxy took over: a global ai-proxy leaves the core's own answers (no route
            // matched, another plugin failing first) in Kong's format.
            case ResponseSource.Error when state.AccessRan:
                // The body is replaced in body_filter, so its length changes.
                response.Headers.ContentLength = null;
                response.ContentType = "application/json";
                state.RewritingGatewayError = true;
                break;
            case ResponseSource.Upstream:
                OnUpstream(response, config, context.GetPrepared<PreparedInstance>().Fields.Pinned, state);
                break;
            default:
                break;
        }
    }

    private static void OnUpstream(HttpResponse response, AiProxyConfig config, PinnedModel? pinned, AiProxyRequestState state)
    {
        if (response.StatusCode == StatusCodes.Status200OK && config.ModelNameHeader
            && state.Kind == RequestKind.Messages && state.RequestModel is not null)
        {
            response.Headers[ModelHeader] = pinned is not null && string.Equals(state.RequestModel, pinned.Name, StringComparison.Ordinal)
                ? pinned.ModelHeaderValue
                : ProviderNames.Of(config) + "/" + state.RequestModel;
        }

        var logging = config.Logging;
        // A Messages call's usage is published to other plugins (AiContextKeys.Usage) whatever the logging flags say,
        // so its body is always read on the side; without the tap the published counts were zeros.
        if (logging.LogStatistics || logging.LogPayloads || state.Kind == RequestKind.Messages)
        {
            state.Tap = ResponseTap.Create(state.Facts, response.ContentType, response.Headers.ContentEncoding,
                captureText: logging.LogPayloads, openAiWire: ProviderNames.SpeaksOpenAi(config));
        }
    }
}
