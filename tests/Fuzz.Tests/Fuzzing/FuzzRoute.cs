namespace Gateway.Fuzz.Tests.Fuzzing;

/// <summary>Where a request is aimed, which decides what the upstream side can check.</summary>
internal enum FuzzRoute
{
    /// <summary><c>/plain</c>: proxied as is to the recording upstream, which sees every byte.</summary>
    Plain,

    /// <summary><c>/ai</c>: ai-proxy in front of the mock Anthropic server, holding the provider key.</summary>
    Ai,

    /// <summary>No route matches: the gateway answers 404 itself.</summary>
    Unrouted,
}
