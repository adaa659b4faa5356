namespace Gateway.MockAnthropic.Replies;

/// <summary>
/// Deterministic token counts derived from the request, so a test can predict them and a gateway's numbers can
/// be compared with what the mock sent.
/// </summary>
internal static class UsageCalculator
{
    /// <summary>All prompt tokens: a quarter of the body's bytes, at least 1 (roughly what real tokenizers give).</summary>
    public static int PromptTokens(long bodyBytes) => (int)Math.Clamp(bodyBytes / 4, 1, int.MaxValue);

    /// <summary>
    /// Without <c>cache_control</c> everything is <c>input_tokens</c>. With it, half the prompt is read from the
    /// cache, a quarter is written to it and the rest is uncached input, each at least 1 so a test can tell the
    /// fields apart.
    /// </summary>
    public static MockUsage For(long bodyBytes, bool hasCacheControl, int outputTokens)
    {
        var total = PromptTokens(bodyBytes);
        if (!hasCacheControl)
        {
            return new MockUsage(total, outputTokens, 0, 0);
        }

        var read = Math.Max(1, total / 2);
        var creation = Math.Max(1, total / 4);
        var input = Math.Max(1, total - read - creation);
        return new MockUsage(input, outputTokens, creation, read);
    }
}
