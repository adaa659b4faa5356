namespace Gateway.MockAnthropic.Replies;

internal enum ReplyBlockKind
{
    Thinking,
    Text,
    ToolUse,
}

/// <summary>One content block of the answer, already cut into the pieces a stream sends as deltas.</summary>
internal sealed class ReplyBlock
{
    public required ReplyBlockKind Kind { get; init; }

    /// <summary>Thinking or text pieces, or the tool input's <c>partial_json</c> pieces.</summary>
    public required string[] Pieces { get; init; }

    /// <summary>Thinking blocks end with one <c>signature_delta</c> carrying this.</summary>
    public string? Signature { get; init; }

    public string? ToolId { get; init; }

    public string? ToolName { get; init; }

    /// <summary>The pieces joined: the block's text, or the tool input as JSON.</summary>
    public string Joined() => string.Concat(Pieces);
}
