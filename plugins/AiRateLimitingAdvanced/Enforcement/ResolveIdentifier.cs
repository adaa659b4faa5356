using Gateway.Plugins.AiRateLimitingAdvanced.Configuration;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Enforcement;

/// <summary>
/// Kong's identifier rules: <c>consumer</c> is the consumer's id, else the credential's; <c>path</c> counts only a
/// request whose path is exactly the configured one; whatever yields nothing falls back to the client IP (the
/// connection's address, as the log's <c>client_ip</c>: this gateway has no trusted proxies).
/// </summary>
internal static class ResolveIdentifier
{
    public static string Run(PluginContext context, AiRateLimitingAdvancedConfig config)
    {
        var request = context.HttpContext.Request;
        var value = config.Identifier switch
        {
            Identifiers.Consumer => context.Consumer?.Id ?? context.CredentialId,
            Identifiers.Credential => context.CredentialId,
            Identifiers.Service => context.ServiceId,
            Identifiers.Header => FirstValue(request.Headers[config.HeaderName!]),
            Identifiers.Path => string.Equals(request.Path.Value, config.Path, StringComparison.Ordinal) ? config.Path : null,
            _ => null,
        };
        return string.IsNullOrEmpty(value) ? ClientIp(context) : value;
    }

    private static string? FirstValue(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 0 ? null : values[0];

    private static string ClientIp(PluginContext context) =>
        context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
