namespace Gateway.Plugins.AiProxy.AnthropicToOpenAi;

/// <summary>OpenAI's <c>finish_reason</c> as Anthropic's <c>stop_reason</c>.</summary>
internal static class StopReason
{
    public static string From(string? finishReason) => finishReason switch
    {
        "length" => "max_tokens",
        "tool_calls" or "function_call" => "tool_use",
        "content_filter" => "refusal",
        _ => "end_turn",
    };
}
