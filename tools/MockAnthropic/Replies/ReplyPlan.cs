namespace Gateway.MockAnthropic.Replies;

/// <summary>The whole answer, decided before the first byte so streamed and non-streamed replies agree.</summary>
internal sealed class ReplyPlan
{
    public required ReplyBlock[] Blocks { get; init; }

    /// <summary><c>end_turn</c> or <c>tool_use</c>.</summary>
    public required string StopReason { get; init; }

    /// <summary>Pause before every text delta after the first.</summary>
    public int TextDeltaIntervalMs { get; init; }

    /// <summary>One token per non-empty delta (thinking, text or JSON); at least 1, as the real API never says 0.</summary>
    public int OutputTokens()
    {
        var tokens = 0;
        foreach (var block in Blocks)
        {
            foreach (var piece in block.Pieces)
            {
                if (piece.Length > 0)
                {
                    tokens++;
                }
            }
        }

        return Math.Max(1, tokens);
    }
}
