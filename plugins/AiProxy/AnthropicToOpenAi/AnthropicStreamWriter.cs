using System.Buffers;
using System.Text.Json;
using Gateway.Plugins.AiProxy.OpenAi;
using Gateway.Plugins.AiProxy.OpenAi.Stream;
using Gateway.Plugins.AiProxy.Response.Sse;
using Gateway.Plugins.AiProxy.Statistics;
using Gateway.Plugins.AiProxy.Translation;

namespace Gateway.Plugins.AiProxy.AnthropicToOpenAi;

/// <summary>
/// Turns an OpenAI <c>chat.completion.chunk</c> stream into Anthropic's event stream as the chunks arrive:
/// <c>message_start</c> on the first chunk; a thinking block for <c>reasoning_content</c>, a text block for
/// <c>content</c>, a <c>tool_use</c> block per tool call (opened by the chunk carrying its id and name, then
/// <c>input_json_delta</c>s); each block closed when another kind begins or the choice finishes; at <c>[DONE]</c>
/// <c>message_delta</c> with the stop reason and the usage chunk's counts, then <c>message_stop</c>. An error chunk
/// becomes <c>event: error</c> and ends the stream.
/// </summary>
internal sealed class AnthropicStreamWriter(PooledByteWriter output, string clientModel) : IStreamTranslator
{
    private readonly Utf8JsonWriter _json = new(output, OpenAiJson.StreamWriterOptions);
    private bool _started;
    private bool _finished;
    private int _index = -1;
    private int _toolIndex = -1;
    private BlockKind _open;
    private string? _stopReason;
    private TokenUsage? _usage;

    public bool WantsData(SseEventKind kind) => true;

    public void OnEvent(SseEventKind kind, ReadOnlySpan<byte> data)
    {
        if (_finished)
        {
            return;
        }

        if (data.SequenceEqual("[DONE]"u8))
        {
            Finish();
            return;
        }

        // The data is only valid during this call: parsed from a pooled copy, not a fresh array per chunk.
        var rented = ArrayPool<byte>.Shared.Rent(data.Length);
        try
        {
            data.CopyTo(rented);
            using var document = JsonDocument.Parse(rented.AsMemory(0, data.Length));
            Read(document.RootElement);
        }
        catch (JsonException)
        {
            // A malformed chunk carries nothing a client could use; the statistics reader notes it.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The upstream stream ended. A backend that finished its choice but sent no <c>[DONE]</c> still gets a
    /// complete Anthropic stream; one cut mid-answer stays cut, so the client sees the failure.</summary>
    public void Complete()
    {
        if (!_finished && _stopReason is not null)
        {
            Finish();
        }
    }

    public void Dispose() => _json.Dispose();

    private void Read(JsonElement chunk)
    {
        if (chunk.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (chunk.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            WriteError(error);
            return;
        }

        Start(chunk);
        if (chunk.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
        {
            var choice = choices[0];
            if (choice.TryGetProperty("delta", out var delta) && delta.ValueKind == JsonValueKind.Object)
            {
                ReadDelta(delta);
            }

            if (choice.TryGetProperty("finish_reason", out var finish) && finish.ValueKind == JsonValueKind.String)
            {
                _stopReason = StopReason.From(finish.GetString());
                CloseBlock();
            }
        }

        if (chunk.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            _usage = ChatUsage.From(usage);
        }
    }

    private void ReadDelta(JsonElement delta)
    {
        var reasoning = String(delta, "reasoning_content") ?? String(delta, "reasoning");
        if (!string.IsNullOrEmpty(reasoning))
        {
            Open(BlockKind.Thinking, null, null);
            Delta("thinking_delta"u8, "thinking"u8, reasoning);
        }

        if (String(delta, "content") is { Length: > 0 } text)
        {
            Open(BlockKind.Text, null, null);
            Delta("text_delta"u8, "text"u8, text);
        }

        if (delta.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in calls.EnumerateArray())
            {
                var function = call.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
                var index = call.TryGetProperty("index", out var i) && i.TryGetInt32(out var n) ? n : _toolIndex;
                var id = String(call, "id");

                // A new call starts with its id, or (servers that send none) with a new index: a block of its own.
                if (!string.IsNullOrEmpty(id) || index != _toolIndex || _open != BlockKind.Tool)
                {
                    if (string.IsNullOrEmpty(id) && index == _toolIndex && _open != BlockKind.Tool && _toolIndex >= 0)
                    {
                        // More arguments for a call already closed by interleaved text: nowhere valid to put them.
                        continue;
                    }

                    _toolIndex = index;
                    CloseBlock();
                    Open(BlockKind.Tool, string.IsNullOrEmpty(id) ? $"toolu_gw{_index + 1:D2}" : id,
                        function.ValueKind == JsonValueKind.Object ? String(function, "name") : null);
                }

                if (_open == BlockKind.Tool && function.ValueKind == JsonValueKind.Object
                    && String(function, "arguments") is { Length: > 0 } arguments)
                {
                    Delta("input_json_delta"u8, "partial_json"u8, arguments);
                }
            }
        }
    }

    private void Start(JsonElement chunk)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        var w = Begin("message_start"u8);
        w.WriteStartObject("message"u8);
        w.WriteString("id"u8, String(chunk, "id") ?? "msg_gateway");
        w.WriteString("type"u8, "message"u8);
        w.WriteString("role"u8, "assistant"u8);
        w.WriteString("model"u8, clientModel);
        w.WriteStartArray("content"u8);
        w.WriteEndArray();
        w.WriteNull("stop_reason"u8);
        w.WriteNull("stop_sequence"u8);

        // OpenAI reports a stream's tokens only at its end: message_delta carries them all.
        ChatUsage.Write(w, null);
        w.WriteEndObject();
        End();
    }

    private void Open(BlockKind kind, string? toolId, string? toolName)
    {
        if (_open == kind && kind != BlockKind.Tool)
        {
            return;
        }

        CloseBlock();
        _open = kind;
        _index++;
        var w = Begin("content_block_start"u8);
        w.WriteNumber("index"u8, _index);
        w.WriteStartObject("content_block"u8);
        switch (kind)
        {
            case BlockKind.Thinking:
                w.WriteString("type"u8, "thinking"u8);
                w.WriteString("thinking"u8, ""u8);
                w.WriteString("signature"u8, ""u8);
                break;
            case BlockKind.Text:
                w.WriteString("type"u8, "text"u8);
                w.WriteString("text"u8, ""u8);
                break;
            default:
                w.WriteString("type"u8, "tool_use"u8);
                w.WriteString("id"u8, toolId);
                w.WriteString("name"u8, toolName ?? "");
                w.WriteStartObject("input"u8);
                w.WriteEndObject();
                break;
        }

        w.WriteEndObject();
        End();
    }

    private void Delta(ReadOnlySpan<byte> type, ReadOnlySpan<byte> field, string value)
    {
        var w = Begin("content_block_delta"u8);
        w.WriteNumber("index"u8, _index);
        w.WriteStartObject("delta"u8);
        w.WriteString("type"u8, type);
        w.WriteString(field, value);
        w.WriteEndObject();
        End();
    }

    private void CloseBlock()
    {
        if (_open == BlockKind.None)
        {
            return;
        }

        _open = BlockKind.None;
        var w = Begin("content_block_stop"u8);
        w.WriteNumber("index"u8, _index);
        End();
    }

    private void Finish()
    {
        if (!_started)
        {
            Start(default);
        }

        CloseBlock();
        var w = Begin("message_delta"u8);
        w.WriteStartObject("delta"u8);
        w.WriteString("stop_reason"u8, _stopReason ?? "end_turn");
        w.WriteNull("stop_sequence"u8);
        w.WriteEndObject();
        ChatUsage.Write(w, _usage);
        End();
        w = Begin("message_stop"u8);
        End();
        _finished = true;
    }

    private void WriteError(JsonElement error)
    {
        var w = Begin("error"u8);
        w.WriteStartObject("error"u8);
        w.WriteString("type"u8, ErrorTypes.FromOpenAi(String(error, "type"), String(error, "code"), 500));
        w.WriteString("message"u8, String(error, "message") ?? "The provider failed mid-stream");
        w.WriteEndObject();
        End();
        _finished = true;
    }

    private Utf8JsonWriter Begin(ReadOnlySpan<byte> name)
    {
        output.Write("event: "u8);
        output.Write(name);
        output.Write("\ndata: "u8);
        _json.Reset(output);
        _json.WriteStartObject();
        _json.WriteString("type"u8, name);
        return _json;
    }

    private void End()
    {
        _json.WriteEndObject();
        _json.Flush();
        output.Write("\n\n"u8);
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private enum BlockKind
    {
        None,
        Thinking,
        Text,
        Tool,
    }
}
