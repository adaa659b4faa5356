using Gateway.MockAnthropic.Recording;
using Gateway.MockAnthropic.Scenarios;
using Microsoft.AspNetCore.Http;

namespace Gateway.MockAnthropic.Replies;

/// <summary>
/// Answers a streamed request, in either wire format (<see cref="MessagesStreamFormat"/>,
/// <see cref="ChatStreamFormat"/>): the headers, the scenarios that act on the stream (disconnect, slow first
/// token, hold, stream error, delta pacing) and the walk over the reply plan are the same for both.
/// </summary>
internal sealed class StreamingResponder(MockAnthropicOptions options, HoldGate holdGate)
{
    /// <summary>Content deltas sent before a <c>stream-error</c> scenario fails the stream.</summary>
    public const int DeltasBeforeStreamError = 3;

    // Long enough for the peer to have read what was sent even on a loaded 2-core CI machine: an abort is a reset,
    // and a reset lets the receiving kernel discard data its reader has not taken yet (50 ms lost it under load).
    private const int DisconnectGraceMs = 250;

    public async Task SendAsync(
        HttpContext context,
        Exchange exchange,
        Scenario scenario,
        ReplyPlan plan,
        IStreamFormat format,
        CancellationToken cancellationToken)
    {
        if (scenario.DisconnectAfterEvents == 0)
        {
            exchange.Record(0);
            context.Abort();
            return;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        exchange.Streamed = true;
        await response.StartAsync(cancellationToken);
        await response.BodyWriter.FlushAsync(cancellationToken);

        // slow-first-token: the headers are out, the body waits (time to first byte of the body).
        if (scenario.SlowFirstTokenMs is > 0 and var wait)
        {
            await Task.Delay(wait, cancellationToken);
        }

        // Taken before message_start leaves, so a release after the client sees it cannot be missed.
        var gate = scenario.HoldAfterFirstEvent ? holdGate.Current : null;
        var sse = new SseWriter(response.BodyWriter, scenario.DisconnectAfterEvents ?? -1, exchange.Record);
        try
        {
            await StreamAsync(sse, scenario, plan, format, gate, cancellationToken);
        }
        catch (ScenarioDisconnectException)
        {
            // A flush only hands bytes to Kestrel's transport; an immediate abort would drop them unsent.
            await Task.Delay(DisconnectGraceMs, CancellationToken.None);
            context.Abort();
        }
    }

    private async Task StreamAsync(SseWriter sse, Scenario scenario, ReplyPlan plan, IStreamFormat format, Task? gate, CancellationToken ct)
    {
        await format.StartAsync(sse, ct);
        if (gate is not null)
        {
            await holdGate.WaitAsync(gate, TimeSpan.FromMilliseconds(options.HoldTimeoutMs), ct);
        }

        await format.AfterHoldAsync(sse, ct);
        var deltas = 0;
        for (var index = 0; index < plan.Blocks.Length; index++)
        {
            var block = plan.Blocks[index];
            await format.BlockStartAsync(sse, index, block, ct);
            for (var i = 0; i < block.Pieces.Length; i++)
            {
                var piece = block.Pieces[i];
                if (!format.Sends(block, piece))
                {
                    continue;
                }

                if (block.Kind == ReplyBlockKind.Text && i > 0 && plan.TextDeltaIntervalMs > 0)
                {
                    await Task.Delay(plan.TextDeltaIntervalMs, ct);
                }

                if (scenario.StreamError && deltas == DeltasBeforeStreamError)
                {
                    await format.ErrorAsync(sse, ct);
                    return;
                }

                await format.DeltaAsync(sse, index, block, piece, ct);
                deltas++;
            }

            await format.BlockStopAsync(sse, index, block, ct);
        }

        // An answer shorter than the error threshold still fails before it completes.
        if (scenario.StreamError)
        {
            await format.ErrorAsync(sse, ct);
            return;
        }

        await format.FinishAsync(sse, ct);
    }
}
