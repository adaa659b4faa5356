using System.Text.Json;

namespace Gateway.Plugins.AiProxy.AnthropicToOpenAi;

/// <summary>
/// Anthropic's <c>thinking</c> budget as OpenAI's <c>reasoning_effort</c>: under 4096 tokens <c>low</c>, under
/// 16384 <c>medium</c>, else <c>high</c> (Claude Code's 31999 is <c>high</c>). Disabled or absent thinking sends none.
/// </summary>
internal static class ReasoningEffort
{
    public const int MediumFrom = 4096;
    public const int HighFrom = 16384;

    public static string? From(JsonElement thinking)
    {
        if (thinking.ValueKind != JsonValueKind.Object || !thinking.TryGetProperty("type", out var type)
            || type.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        if (type.ValueEquals("adaptive"u8))
        {
            return "medium";
        }

        if (!type.ValueEquals("enabled"u8))
        {
            return null;
        }

        var budget = thinking.TryGetProperty("budget_tokens", out var b) && b.TryGetInt32(out var n) ? n : HighFrom;
        return budget < MediumFrom ? "low" : budget < HighFrom ? "medium" : "high";
    }
}
