namespace Gateway.Plugins.AiProxy.Request;

/// <summary>Which Anthropic API a request is for, decided from the path after the route prefix.</summary>
internal enum RequestKind
{
    /// <summary><c>/v1/messages</c>, or any path not under <c>/v1/</c> (Kong sends every chat call there).</summary>
    Messages,

    /// <summary><c>/v1/messages/count_tokens</c>: free, never counted as generated tokens.</summary>
    CountTokens,

    /// <summary><c>/v1/models</c> and <c>/v1/models/{id}</c>.</summary>
    Models,

    /// <summary>Any other <c>/v1/</c> path (batches, files...): proxied with the key, not measured.</summary>
    Other,
}
