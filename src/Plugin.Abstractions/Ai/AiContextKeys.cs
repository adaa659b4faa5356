namespace Gateway.Plugins;

/// <summary>
/// Shared-state keys the AI plugins agree on. A key is matched by reference, so plugins in different load contexts
/// can only meet on keys declared here, in the contract.
/// </summary>
public static class AiContextKeys
{
    /// <summary>The usage of the request's LLM call, set by ai-proxy in its log phase (priority 770) for every call that
    /// reached the provider, so plugins whose log phase runs later (lower priority) read it there.</summary>
    public static readonly ContextKey<AiUsage> Usage = new("ai.usage");
}
