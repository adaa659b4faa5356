namespace Gateway.Plugins.AiProxy.Request;

/// <summary>
/// The routing filter: classifies the call and points the upstream at Anthropic (or upstream_url). A path under
/// <c>/v1/</c> is kept (so count_tokens and models work); anything else goes to the Messages path, as in Kong.
/// The client's query string stays as the host copied it.
/// </summary>
internal static class ResolveUpstream
{
    public static RequestKind Classify(string pathAfterRoute)
    {
        if (!pathAfterRoute.StartsWith("/v1/", StringComparison.Ordinal) || pathAfterRoute == UpstreamEndpoint.MessagesApiPath)
        {
            return RequestKind.Messages;
        }

        if (pathAfterRoute == "/v1/messages/count_tokens")
        {
            return RequestKind.CountTokens;
        }

        return pathAfterRoute == "/v1/models" || pathAfterRoute.StartsWith("/v1/models/", StringComparison.Ordinal)
            ? RequestKind.Models
            : RequestKind.Other;
    }

    public static void Apply(UpstreamTarget target, RequestKind kind, string pathAfterRoute, UpstreamEndpoint endpoint)
    {
        target.Scheme = endpoint.Scheme;
        target.Host = endpoint.Host;
        target.Port = endpoint.Port;
        target.Path = kind == RequestKind.Messages ? endpoint.MessagesPath : pathAfterRoute;

        // Anthropic (and any TLS front) routes on Host: the client's Host names the gateway, never the provider.
        target.PreserveHost = false;
    }
}
