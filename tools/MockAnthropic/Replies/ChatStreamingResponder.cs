using Gateway.MockAnthropic.Http;
using Gateway.MockAnthropic.Recording;
using Gateway.MockAnthropic.Scenarios;
using Microsoft.AspNetCore.Http;

namespace Gateway.MockAnthropic.Replies;

/// <summary>
/// Answers a streamed Chat Completions request the way OpenAI does: a role chunk, <c>reasoning_content</c> deltas
/// (when reasoning was asked), content or <c>tool_calls</c> deltas (index, id and name first, then argument
/// fragments), a finish chunk, the usage chunk only when <c>stream_options.include_usage</c> asked, <c>[DONE]</c>.
/// </summary>
internal sealed class ChatStreamingResponder(MockAnthropicOptions options, HoldGate holdGate)
{
    private const int DisconnectGraceMs = 250;

    public async Task SendAsync(
        HttpContext context,
        Exchange exchange,
        ChunkHeader header,
        Scenario scenario,
        ReplyPlan plan,
        ChatUsage usage,
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
        if (scenario.SlowFirstTokenMs is > 0 and var wait)
        {
            await Task.Delay(wait, cancellationToken);
        }

        var gate = scenario.HoldAfterFirstEvent ? holdGate.Current : null;
        var sse = new SseWriter(response.BodyWriter, scenario.DisconnectAfterEvents ?? -1, exchange.Record);
        try
        {
            await StreamAsync(sse, exchange, header, scenario, plan, usage, gate, cancellationToken);
        }
        catch (ScenarioDisconnectException)
        {
            await Task.Delay(DisconnectGraceMs, CancellationToken.None);
            context.Abort();
        }
    }

    private async Task StreamAsync(
        SseWriter sse,
        Exchange exchange,
        ChunkHeader header,
        Scenario scenario,
        ReplyPlan plan,
        ChatUsage usage,
        Task? gate,
        CancellationToken ct)
    {
        var w = sse.BeginData();
        ChatJson.BeginChunk(w, header);
        w.WriteString("role"u8, "assistant"u8);
        w.WriteString("content"u8, ""u8);
        w.WriteNull("refusal"u8);
        ChatJson.EndChunk(w, header, null);
        await sse.EndAsync(ct);
        if (gate is not null)
        {
            await holdGate.WaitAsync(gate, TimeSpan.FromMilliseconds(options.HoldTimeoutMs), ct);
        }

        var deltas = 0;
        var toolIndex = 0;
        foreach (var block in plan.Blocks)
        {
            if (block.Kind == ReplyBlockKind.ToolUse)
            {
                w = sse.BeginData();
                ChatJson.BeginChunk(w, header);
                WriteToolCall(w, toolIndex, block, "");
                ChatJson.EndChunk(w, header, null);
                await sse.EndAsync(ct);
            }

            for (var i = 0; i < block.Pieces.Length; i++)
            {
                var piece = block.Pieces[i];
                if (block.Kind == ReplyBlockKind.ToolUse && piece.Length == 0)
                {
                    // The name chunk above already carried the empty first fragment.
                    continue;
                }

                if (block.Kind == ReplyBlockKind.Text && i > 0 && plan.TextDeltaIntervalMs > 0)
                {
                    await Task.Delay(plan.TextDeltaIntervalMs, ct);
                }

                if (scenario.StreamError && deltas == StreamingResponder.DeltasBeforeStreamError)
                {
                    await ErrorAsync(sse, ct);
                    return;
                }

                w = sse.BeginData();
                ChatJson.BeginChunk(w, header);
                switch (block.Kind)
                {
                    case ReplyBlockKind.Thinking:
                        w.WriteString("reasoning_content"u8, piece);
                        break;
                    case ReplyBlockKind.ToolUse:
                        WriteToolCall(w, toolIndex, null, piece);
                        break;
                    default:
                        w.WriteString("content"u8, piece);
                        break;
                }

                ChatJson.EndChunk(w, header, null);
                await sse.EndAsync(ct);
                deltas++;
            }

            if (block.Kind == ReplyBlockKind.ToolUse)
            {
                toolIndex++;
            }
        }

        if (scenario.StreamError)
        {
            await ErrorAsync(sse, ct);
            return;
        }

        w = sse.BeginData(last: !header.IncludeUsage);
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

    // OpenAI reports a failure mid-stream as a data frame holding its error object, then ends the stream.
    private static ValueTask ErrorAsync(SseWriter sse, CancellationToken ct)
    {
        var w = sse.BeginData(last: true);
        ChatJson.WriteError(w, "server_error", "The server is overloaded, please try again later (mock).", null);
        return sse.EndAsync(ct);
    }
}
