namespace Gateway.Plugins.AiProxy.Configuration;

/// <summary>Kong's <c>response_streaming</c>: whether a client may (allow), may not (deny) or must (always)
/// receive a streamed response.</summary>
internal enum ResponseStreaming
{
    Allow,
    Deny,
    Always,
}
