namespace Gateway.Plugins.AiProxy.Request;

/// <summary>Where Anthropic is: the default API, or <c>model.options.upstream_url</c>. Parsed once per instance,
/// in the configure phase (<see cref="PreparedInstance"/>).</summary>
internal sealed record UpstreamEndpoint(string Scheme, string Host, int Port, string MessagesPath)
{
    public const string MessagesApiPath = "/v1/messages";

    public static readonly UpstreamEndpoint Anthropic = new("https", "api.anthropic.com", 443, MessagesApiPath);

    /// <summary>Scheme, host and port come from the URL (the port defaults by scheme); its path, when it has one,
    /// is the Messages path (Kong style, e.g. <c>https://host/v1/messages</c>).</summary>
    public static UpstreamEndpoint Parse(string? upstreamUrl)
    {
        if (upstreamUrl is null)
        {
            return Anthropic;
        }

        var uri = new Uri(upstreamUrl, UriKind.Absolute);
        var path = uri.AbsolutePath is "" or "/" ? MessagesApiPath : uri.AbsolutePath;
        return new UpstreamEndpoint(uri.Scheme, uri.Host, uri.Port, path);
    }
}
