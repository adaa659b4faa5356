namespace Gateway.Plugins.AiProxy.Response.Sse;

/// <summary>Maps an event name (from <c>event:</c> or the data's <c>type</c>) to its kind without allocating.</summary>
internal static class SseEventNames
{
    public static SseEventKind Classify(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("content_block_delta"u8) ? SseEventKind.ContentBlockDelta
        : name.SequenceEqual("content_block_start"u8) ? SseEventKind.ContentBlockStart
        : name.SequenceEqual("message_start"u8) ? SseEventKind.MessageStart
        : name.SequenceEqual("message_delta"u8) ? SseEventKind.MessageDelta
        : name.SequenceEqual("message_stop"u8) ? SseEventKind.MessageStop
        : name.SequenceEqual("error"u8) ? SseEventKind.Error
        : SseEventKind.Other;
}
