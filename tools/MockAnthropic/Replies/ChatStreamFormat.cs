using Gateway.MockAnthropic.Recording;

namespace Gateway.MockAnthropic.Replies;

/// <summary>
/// A streamed Chat Completions answer the way OpenAI writes it: a role chunk, <c>reasoning_content</c> deltas (when
/// reasoning was asked), content or <c>tool_calls</c> deltas (index, id and name first, then argument fragments), a
/// finish chunk, the usage chunk only when <c>stream_options.include_usage</c> asked, <c>[DONE]</c>.
/// </summary>
internal sealed class ChatStreamFormat(Exchange exchange, ChunkHeader header, ReplyPlan plan, ChatUsage usage) : IStreamFormat
{
    private int _toolIndex;

    public async ValueTask StartAsync(SseWriter sse, CancellationToken ct)
    {
        var w = sse.BeginData();
        ChatJson.BeginChunk(w, header);
        w.WriteString("role"u8, "assistant"u8);
        w.WriteString("content"u8, ""u8);
        w.WriteNull("refusal"u8);
        ChatJson.EndChunk(w, header, null);
        await sse.EndAsync(ct);
    }

    public ValueTask AfterHoldAsync(SseWriter sse, CancellationToken ct) => ValueTask.CompletedTask;

    public async ValueTask BlockStartAsync(SseWriter sse, int index, ReplyBlock block, CancellationToken ct)
    {
        if (block.Kind == ReplyBlockKind.ToolUse)
        {
            var w = sse.BeginData();
            ChatJson.BeginChunk(w, header);
            WriteToolCall(w, _toolIndex, block, "");
            ChatJson.EndChunk(w, header, null);
            await sse.EndAsync(ct);
        }
    }

    // The name chunk of a tool call already carried the empty first fragment.
    public bool Sends(ReplyBlock block, string piece) => !(block.Kind == ReplyBlockKind.ToolUse && piece.Length == 0);

    public async ValueTask DeltaAsync(SseWriter sse, int index, ReplyBlock block, string piece, CancellationToken ct)
    {
        var w = sse.BeginData();
        ChatJson.BeginChunk(w, header);
        switch (block.Kind)
        {
            case ReplyBlockKind.Thinking:
                w.WriteString("reasoning_content"u8, piece);
                break;
            case ReplyBlockKind.ToolUse:
                WriteToolCall(w, _toolIndex, null, piece);
                break;
            default:
                w.WriteString("content"u8, piece);
                break;
        }

        ChatJson.EndChunk(w, header, null);
        await sse.EndAsync(ct);
    }

    public ValueTask BlockStopAsync(SseWriter sse, int index, ReplyBlock block, CancellationToken ct)
    {
        if (block.Kind == ReplyBlockKind.ToolUse)
        {
            _toolIndex++;
        }

        return ValueTask.CompletedTask;
    }

    // OpenAI reports a failure mid-stream as a data frame holding its error object, then ends the stream.
    public ValueTask ErrorAsync(SseWriter sse, CancellationToken ct)
    {
        var w = sse.BeginData(last: true);
        ChatJson.WriteError(w, "server_error", "The server is overloaded, please try again later (mock).", null);
        return sse.EndAsync(ct);
    }

    public async ValueTask FinishAsync(SseWriter sse, CancellationToken ct)
    {
        var w = sse.BeginData(last: !header.IncludeUsage);
        ChatJson.BeginChunk(w, header);
        ChatJson.EndChunk(w, header, ChatJson.FinishReason(plan));
        if (header.IncludeUsage)
        {
            await sse.EndAsync(ct);
            exchange.Usage = usage.ToRecorded();
            w = sse.BeginData(last: true);
            ChatJson.WriteUsageChunk(w, header, usage);
        }
        else
        {
            // Nothing carried the usage to the client, but the recording says what it would have been.
            exchange.Usage = usage.ToRecorded();
        }

        await sse.EndAsync(ct);
        await sse.DoneAsync(ct);
    }

    private static void WriteToolCall(System.Text.Json.Utf8JsonWriter w, int index, ReplyBlock? first, string arguments)
    {
        w.WriteStartArray("tool_calls"u8);
        w.WriteStartObject();
        w.WriteNumber("index"u8, index);
        if (first is not null)
        {
            w.WriteString("id"u8, ChatJson.CallId(first));
            w.WriteString("type"u8, "function"u8);
        }

        w.WriteStartObject("function"u8);
        if (first is not null)
        {
            w.WriteString("name"u8, first.ToolName);
        }

        w.WriteString("arguments"u8, arguments);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
    }
}
