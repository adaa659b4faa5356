namespace Gateway.MockAnthropic;

/// <summary>The token counts the mock reported to the client, the numbers a gateway's usage accounting must match.</summary>
internal sealed record MockUsage(
    int InputTokens,
    int OutputTokens,
    int CacheCreationInputTokens,
    int CacheReadInputTokens);
