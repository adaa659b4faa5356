using System.Text.Json;
using Gateway.MockAnthropic.Http;

namespace Gateway.MockAnthropic.Replies;

/// <summary>The Messages API stream's events, each written and flushed through a <see cref="SseWriter"/>.</summary>
internal static class SseEvents
{
    public static ValueTask MessageStartAsync(SseWriter sse, string model, MockUsage usage, CancellationToken ct)
    {
        var w = sse.Begin("message_start"u8);
        w.WriteStartObject();
        w.WriteString("type"u8, "message_start"u8);
        w.WritePropertyName("message"u8);
        MessageJson.WriteMessage(w, Ids.Message(), model, null, usage);
        w.WriteEndObject();
        return sse.EndAsync(ct);
    }

    public static ValueTask PingAsync(SseWriter sse, CancellationToken ct)
    {
        var w = sse.Begin("ping"u8);
        w.WriteStartObject();
        w.WriteString("type"u8, "ping"u8);
        w.WriteEndObject();
        return sse.EndAsync(ct);
    }

    public static ValueTask BlockStartAsync(SseWriter sse, int index, ReplyBlock block, CancellationToken ct)
    {
        var w = sse.Begin("content_block_start"u8);
        w.WriteStartObject();
        w.WriteString("type"u8, "content_block_start"u8);
        w.WriteNumber("index"u8, index);
        w.WritePropertyName("content_block"u8);
        MessageJson.WriteBlock(w, block, complete: false);
        w.WriteEndObject();
        return sse.EndAsync(ct);
    }

    /// <summary>A <c>thinking_delta</c>, <c>text_delta</c> or <c>input_json_delta</c>, by block kind.</summary>
    public static ValueTask DeltaAsync(SseWriter sse, int index, ReplyBlockKind kind, string piece, CancellationToken ct)
    {
        var w = kind switch
        {
            ReplyBlockKind.Thinking => BeginDelta(sse, index, "thinking_delta"u8),
            ReplyBlockKind.ToolUse => BeginDelta(sse, index, "input_json_delta"u8),
            _ => BeginDelta(sse, index, "text_delta"u8),
        };
        var field = kind switch
        {
            ReplyBlockKind.Thinking => "thinking"u8,
            ReplyBlockKind.ToolUse => "partial_json"u8,
            _ => "text"u8,
        };
        w.WriteString(field, piece);
        return EndDelta(sse, w, ct);
    }

    public static ValueTask SignatureAsync(SseWriter sse, int index, string signature, CancellationToken ct)
    {
        var w = BeginDelta(sse, index, "signature_delta"u8);
        w.WriteString("signature"u8, signature);
        return EndDelta(sse, w, ct);
    }

    public static ValueTask BlockStopAsync(SseWriter sse, int index, CancellationToken ct)
    {
        var w = sse.Begin("content_block_stop"u8);
        w.WriteStartObject();
        w.WriteString("type"u8, "content_block_stop"u8);
        w.WriteNumber("index"u8, index);
        w.WriteEndObject();
        return sse.EndAsync(ct);
    }

    public static ValueTask MessageDeltaAsync(SseWriter sse, string stopReason, MockUsage usage, CancellationToken ct)
    {
        var w = sse.Begin("message_delta"u8);
        w.WriteStartObject();
        w.WriteString("type"u8, "message_delta"u8);
        w.WriteStartObject("delta"u8);
        w.WriteString("stop_reason"u8, stopReason);
        w.WriteNull("stop_sequence"u8);
        w.WriteEndObject();
        w.WritePropertyName("usage"u8);
        MessageJson.WriteDeltaUsage(w, usage);
        w.WriteEndObject();
        return sse.EndAsync(ct);
    }

    public static ValueTask MessageStopAsync(SseWriter sse, CancellationToken ct)
    {
        var w = sse.Begin("message_stop"u8, last: true);
        w.WriteStartObject();
        w.WriteString("type"u8, "message_stop"u8);
        w.WriteEndObject();
        return sse.EndAsync(ct);
    }

    /// <summary>The mid-stream failure the real API sends under load, after a 200 status.</summary>
    public static ValueTask OverloadedErrorAsync(SseWriter sse, CancellationToken ct)
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

    // Leaves the writer inside the "delta" object, ready for the payload.
    private static Utf8JsonWriter BeginDelta(SseWriter sse, int index, ReadOnlySpan<byte> deltaType)
    {
        var w = sse.Begin("content_block_delta"u8);
        w.WriteStartObject();
        w.WriteString("type"u8, "content_block_delta"u8);
        w.WriteNumber("index"u8, index);
        w.WriteStartObject("delta"u8);
        w.WriteString("type"u8, deltaType);
        return w;
    }

    private static ValueTask EndDelta(SseWriter sse, Utf8JsonWriter w, CancellationToken ct)
    {
        w.WriteEndObject();
        w.WriteEndObject();
        return sse.EndAsync(ct);
    }
}
