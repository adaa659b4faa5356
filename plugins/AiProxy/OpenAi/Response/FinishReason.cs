namespace Gateway.Plugins.AiProxy.OpenAi.Response;

/// <summary>Anthropic's <c>stop_reason</c> as OpenAI's <c>finish_reason</c> (Kong 3.13 passes it through raw).</summary>
internal static class FinishReason
{
    public static string From(ReadOnlySpan<byte> stopReason) =>
        stopReason.SequenceEqual("max_tokens"u8) || stopReason.SequenceEqual("model_context_window_exceeded"u8) ? "length"
        : stopReason.SequenceEqual("tool_use"u8) ? "tool_calls"
        : stopReason.SequenceEqual("refusal"u8) ? "content_filter"
        : "stop"; // end_turn, stop_sequence, pause_turn and anything newer

    public static string From(string stopReason) => From(System.Text.Encoding.UTF8.GetBytes(stopReason));
}
