namespace Gateway.MockAnthropic.Parsing;

/// <summary>The few facts about a Messages API request that shape the mock's answer.</summary>
internal sealed class MessagesRequest
{
    public required string Model { get; init; }

    public bool Stream { get; init; }

    /// <summary><c>"thinking":{"type":"enabled",…}</c> was sent, so the answer starts with a thinking block.</summary>
    public bool ThinkingEnabled { get; init; }

    /// <summary>Any <c>cache_control</c> key anywhere; Claude Code always sends some.</summary>
    public bool HasCacheControl { get; init; }

    /// <summary>Every text of the last user message (the string content, or each <c>text</c> block).</summary>
    public IReadOnlyList<string> LastUserTexts { get; init; } = [];

    /// <summary>The last user message carries a <c>tool_result</c> block: the tool ran, the turn should end.</summary>
    public bool LastUserHasToolResult { get; init; }

    /// <summary>Text of the first <c>tool_result</c> in the last user message, for the final answer.</summary>
    public string? ToolResultText { get; init; }
}
