using Gateway.Plugins.AiProxy.Configuration;
using Microsoft.AspNetCore.Http;

namespace Gateway.Plugins.AiProxy.Request;

/// <summary>
/// Puts the operator's key on the request. The client's own credentials are removed first, both
/// <c>x-api-key</c> and <c>Authorization</c> (Claude Code sends a dummy bearer too, and Kong 3.13 forwarded it),
/// unless <c>allow_override</c> is set and the client sent the configured header: then the request goes as sent.
/// Without header auth the client's credentials pass through (bring-your-own-key).
/// </summary>
internal static class InjectCredentials
{
    public const string AnthropicVersionHeader = "anthropic-version";

    public static void Run(PluginContext context, AiProxyConfig config)
    {
        var headers = context.HttpContext.Request.Headers;
        var auth = config.Auth;
        if (auth.HasHeaderAuth)
        {
            // The client's header is looked up only when it could win: a header lookup is a dictionary probe.
            if (!auth.AllowOverride || string.IsNullOrEmpty(headers[auth.HeaderName!]))
            {
                headers.Remove("x-api-key");
                headers.Authorization = default;
                headers[auth.HeaderName!] = auth.HeaderValue;
            }

            // Whether ours or the client's, it is a secret: the log shows REDACTED (the Kong 3.13.0.8 fix).
            context.RedactRequestHeader(auth.HeaderName!);
        }

        if (!ProviderNames.SpeaksOpenAi(config))
        {
            headers[AnthropicVersionHeader] = config.ValidModel.Options.AnthropicVersion;
        }
    }
}
