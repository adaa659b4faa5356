namespace Gateway.MockAnthropic.Replies;

/// <summary>
/// One wire format of a streamed answer (Anthropic's Messages events, OpenAI's Chat Completions chunks): what
/// <see cref="StreamingResponder"/>'s one loop writes at each step of a <see cref="ReplyPlan"/>. An instance serves
/// one answer and may keep state across its calls.
/// </summary>
internal interface IStreamFormat
{
    /// <summary>The opening event(s), sent before a <c>hold</c> scenario waits.</summary>
    ValueTask StartAsync(SseWriter sse, CancellationToken ct);

    /// <summary>What follows the opening once any hold is released.</summary>
    ValueTask AfterHoldAsync(SseWriter sse, CancellationToken ct);

    ValueTask BlockStartAsync(SseWriter sse, int index, ReplyBlock block, CancellationToken ct);

    /// <summary>Whether a piece of a block is sent (and counted as a delta) at all.</summary>
    bool Sends(ReplyBlock block, string piece);

    ValueTask DeltaAsync(SseWriter sse, int index, ReplyBlock block, string piece, CancellationToken ct);

    ValueTask BlockStopAsync(SseWriter sse, int index, ReplyBlock block, CancellationToken ct);

    /// <summary>A <c>stream-error</c> scenario's failure mid-stream; the stream ends after it.</summary>
    ValueTask ErrorAsync(SseWriter sse, CancellationToken ct);

    /// <summary>The closing event(s), with the final usage, recorded in the exchange.</summary>
    ValueTask FinishAsync(SseWriter sse, CancellationToken ct);
}
