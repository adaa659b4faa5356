using Gateway.MockAnthropic.Recording;

namespace Gateway.MockAnthropic.Replies;

/// <summary>
/// Anthropic's event sequence: <c>message_start</c>, <c>ping</c>, each block's start, deltas (and a thinking
/// block's signature) and stop, <c>message_delta</c> with the final usage, <c>message_stop</c>.
/// </summary>
internal sealed class MessagesStreamFormat(Exchange exchange, string model, ReplyPlan plan, MockUsage usage) : IStreamFormat
{
    public ValueTask StartAsync(SseWriter sse, CancellationToken ct)
    {
        // Like the real API, message_start carries the input side and a provisional output count of 1.
        exchange.Usage = usage with { OutputTokens = 1 };
        return SseEvents.MessageStartAsync(sse, model, exchange.Usage, ct);
    }

    public ValueTask AfterHoldAsync(SseWriter sse, CancellationToken ct) => SseEvents.PingAsync(sse, ct);

    public ValueTask BlockStartAsync(SseWriter sse, int index, ReplyBlock block, CancellationToken ct) =>
        SseEvents.BlockStartAsync(sse, index, block, ct);

    public bool Sends(ReplyBlock block, string piece) => true;

    public ValueTask DeltaAsync(SseWriter sse, int index, ReplyBlock block, string piece, CancellationToken ct) =>
        SseEvents.DeltaAsync(sse, index, block.Kind, piece, ct);

    public async ValueTask BlockStopAsync(SseWriter sse, int index, ReplyBlock block, CancellationToken ct)
    {
        if (block.Signature is not null)
        {
            await SseEvents.SignatureAsync(sse, index, block.Signature, ct);
        }

        await SseEvents.BlockStopAsync(sse, index, ct);
    }

    public ValueTask ErrorAsync(SseWriter sse, CancellationToken ct) => SseEvents.OverloadedErrorAsync(sse, ct);

    public async ValueTask FinishAsync(SseWriter sse, CancellationToken ct)
    {
        exchange.Usage = usage;
        await SseEvents.MessageDeltaAsync(sse, plan.StopReason, usage, ct);
        await SseEvents.MessageStopAsync(sse, ct);
    }
}
