namespace Gateway.Plugins.AiProxy.OpenAi.Request;

/// <summary>
/// OpenAI's <c>reasoning_effort</c> as an Anthropic extended-thinking budget. Anthropic counts thinking inside
/// <c>max_tokens</c> (as OpenAI counts reasoning inside <c>max_completion_tokens</c>) and needs a budget of at least
/// 1024 tokens below <c>max_tokens</c>.
/// </summary>
internal static class ReasoningBudget
{
    public const int Minimum = 1024;

    /// <returns>The budget, 0 for no thinking (<c>none</c>, <c>minimal</c>), or -1 for an unknown effort.</returns>
    public static int For(string? effort) => effort switch
    {
        null or "none" or "minimal" => 0,
        "low" => 1024,
        "medium" => 4096,
        "high" => 16384,
        "xhigh" => 32768,
        _ => -1,
    };
}
