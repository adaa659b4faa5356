using Gateway.MockAnthropic.Http;
using Gateway.MockAnthropic.Recording;
using Gateway.MockAnthropic.Scenarios;
using Microsoft.AspNetCore.Http;

namespace Gateway.MockAnthropic.Replies;

/// <summary>
/// Answers <c>"stream": true</c> with the real API's event sequence: <c>message_start</c>, <c>ping</c>, each
/// block's start, deltas and stop, <c>message_delta</c> with the final usage, <c>message_stop</c>.
/// </summary>
internal sealed class StreamingResponder(MockAnthropicOptions options, HoldGate holdGate)
{
    /// <summary>Content deltas sent before a <c>stream-error</c> scenario fails the stream.</summary>
    public const int DeltasBeforeStreamError = 3;

    private const int DisconnectGraceMs = 50;

    public async Task SendAsync(
        HttpContext context,
        Exchange exchange,
        string model,
        Scenario scenario,
        ReplyPlan plan,
        MockUsage usage,
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
            await StreamAsync(sse, exchange, model, scenario, plan, usage, gate, cancellationToken);
        }
        catch (ScenarioDisconnectException)
        {
            // A flush only hands bytes to Kestrel's transport; an immediate abort would drop them unsent.
            await Task.Delay(DisconnectGraceMs, CancellationToken.None);
            context.Abort();
        }
    }

    private async Task StreamAsync(
        SseWriter sse,
        Exchange exchange,
        string model,
        Scenario scenario,
        ReplyPlan plan,
        MockUsage usage,
        Task? gate,
        CancellationToken ct)
    {
        // Like the real API, message_start carries the input side and a provisional output count of 1.
        exchange.Usage = usage with { OutputTokens = 1 };
        var w = sse.Begin("message_start"u8);
        w.WriteStartObject();
        w.WriteString("type"u8, "message_start"u8);
        w.WritePropertyName("message"u8);
        MessageJson.WriteMessage(w, Ids.Message(), model, null, exchange.Usage);
        w.WriteEndObject();
        await sse.EndAsync(ct);

        if (gate is not null)
        {
            await holdGate.WaitAsync(gate, TimeSpan.FromMilliseconds(options.HoldTimeoutMs), ct);
        }

        w = sse.Begin("ping"u8);
        w.WriteStartObject();
        w.WriteString("type"u8, "ping"u8);
        w.WriteEndObject();
        await sse.EndAsync(ct);

        var deltas = 0;
        for (var index = 0; index < plan.Blocks.Length; index++)
        {
            var block = plan.Blocks[index];
            w = sse.Begin("content_block_start"u8);
            w.WriteStartObject();
            w.WriteString("type"u8, "content_block_start"u8);
            w.WriteNumber("index"u8, index);
            w.WritePropertyName("content_block"u8);
            MessageJson.WriteBlock(w, block, complete: false);
            w.WriteEndObject();
            await sse.EndAsync(ct);

            for (var i = 0; i < block.Pieces.Length; i++)
            {
                if (block.Kind == ReplyBlockKind.Text && i > 0 && plan.TextDeltaIntervalMs > 0)
                {
                    await Task.Delay(plan.TextDeltaIntervalMs, ct);
                }

                if (scenario.StreamError && deltas == DeltasBeforeStreamError)
                {
                    await WriteErrorAsync(sse, ct);
                    return;
                }

                await WriteDeltaAsync(sse, index, block, block.Pieces[i], ct);
                deltas++;
            }

            if (block.Kind == ReplyBlockKind.Thinking)
            {
                w = BeginDelta(sse, index, "signature_delta"u8);
                w.WriteString("signature"u8, block.Signature);
                w.WriteEndObject();
                w.WriteEndObject();
                await sse.EndAsync(ct);
            }

            w = sse.Begin("content_block_stop"u8);
            w.WriteStartObject();
            w.WriteString("type"u8, "content_block_stop"u8);
            w.WriteNumber("index"u8, index);
            w.WriteEndObject();
            await sse.EndAsync(ct);
        }

        if (scenario.StreamError)
        {
            await WriteErrorAsync(sse, ct);
            return;
        }

        exchange.Usage = usage;
        w = sse.Begin("message_delta"u8);
        w.WriteStartObject();
        w.WriteString("type"u8, "message_delta"u8);
        w.WriteStartObject("delta"u8);
        w.WriteString("stop_reason"u8, plan.StopReason);
        w.WriteNull("stop_sequence"u8);
        w.WriteEndObject();
        w.WritePropertyName("usage"u8);
        MessageJson.WriteDeltaUsage(w, usage);
        w.WriteEndObject();
        await sse.EndAsync(ct);

        w = sse.Begin("message_stop"u8, last: true);
        w.WriteStartObject();
        w.WriteString("type"u8, "message_stop"u8);
        w.WriteEndObject();
        await sse.EndAsync(ct);
    }

    private static ValueTask WriteDeltaAsync(SseWriter sse, int index, ReplyBlock block, string piece, CancellationToken ct)
    {
        System.Text.Json.Utf8JsonWriter w;
        switch (block.Kind)
        {
            case ReplyBlockKind.Thinking:
                w = BeginDelta(sse, index, "thinking_delta"u8);
                w.WriteString("thinking"u8, piece);
                break;
            case ReplyBlockKind.ToolUse:
                w = BeginDelta(sse, index, "input_json_delta"u8);
                w.WriteString("partial_json"u8, piece);
                break;
            default:
                w = BeginDelta(sse, index, "text_delta"u8);
                w.WriteString("text"u8, piece);
                break;
        }

        w.WriteEndObject();
        w.WriteEndObject();
        return sse.EndAsync(ct);
    }

    // Leaves the writer inside the "delta" object; the caller adds the payload and closes both objects.
    private static System.Text.Json.Utf8JsonWriter BeginDelta(SseWriter sse, int index, ReadOnlySpan<byte> deltaType)
    {
        var w = sse.Begin("content_block_delta"u8);
        w.WriteStartObject();
        w.WriteString("type"u8, "content_block_delta"u8);
        w.WriteNumber("index"u8, index);
        w.WriteStartObject("delta"u8);
        w.WriteString("type"u8, deltaType);
        return w;
    }

    private static ValueTask WriteErrorAsync(SseWriter sse, CancellationToken ct)
    {
        var w = sse.Begin("error"u8, last: true);
        w.WriteStartObject();
        w.WriteString("type"u8, "error"u8);
        w.WriteStartObject("error"u8);
        w.WriteString("type"u8, "overloaded_error"u8);
        w.WriteString("message"u8, "Overloaded"u8);
        w.WriteEndObject();
        w.WriteEndObject();
        return sse.EndAsync(ct);
    }
}
