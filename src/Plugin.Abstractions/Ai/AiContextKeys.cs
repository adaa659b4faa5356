namespace Gateway.Plugins;

/// <summary>
/// Shared-state keys the AI plugins agree on. A key is matched by reference, so plugins in different load contexts
/// can only meet on keys declared here, in the contract.
/// </summary>
public static class AiContextKeys
{
    /// <summary>The usage of the request's LLM call, for every call that reached the provider. ai-proxy (priority 770)
    /// sets it as soon as counts are known: in its body filter when a stream's usage events arrive and when the body
    /// ends, then once more, final, in its log phase. So a plugin whose log phase runs before ai-proxy's (a higher
    /// priority, such as a budget at 905) sees the complete usage of a finished response and, after a client left
    /// mid-stream, the usage the provider had reported so far; a plugin with a lower priority sees the final
    /// record.</summary>
    public static readonly ContextKey<AiUsage> Usage = new("ai.usage");
}
