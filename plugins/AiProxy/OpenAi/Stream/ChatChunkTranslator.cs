using System.Text.Json;
using Gateway.Plugins.AiProxy.OpenAi.Errors;
using Gateway.Plugins.AiProxy.OpenAi.Response;
using Gateway.Plugins.AiProxy.Response.Json;
using Gateway.Plugins.AiProxy.Response.Sse;
using Gateway.Plugins.AiProxy.Statistics;
using Gateway.Plugins.AiProxy.Translation;

namespace Gateway.Plugins.AiProxy.OpenAi.Stream;

/// <summary>
/// Anthropic stream events as <c>chat.completion.chunk</c>s, written as each event arrives: the role chunk on
/// <c>message_start</c>; <c>content</c>, <c>reasoning_content</c> and <c>tool_calls</c> deltas (a tool call's index,
/// id and name first, then its argument fragments); the finish chunk on the first <c>message_delta</c>; the usage
/// chunk (when asked for) and <c>data: [DONE]</c> on <c>message_stop</c>. An <c>event: error</c> becomes an OpenAI
/// error chunk and ends the translation. String values are copied as raw JSON tokens (no unescaping, no
/// allocation); one <see cref="Utf8JsonWriter"/> writes into one pooled buffer for the whole stream.
/// </summary>
internal sealed class ChatChunkTranslator : IStreamTranslator
{
    private readonly PooledByteWriter _output;
    private readonly Utf8JsonWriter _json;
    private readonly long _created;
    private readonly bool _includeUsage;
    private readonly TokenUsage _usage = new();
    private string _id = string.Empty;
    private string _model;
    private int _toolCalls;
    private int _toolIndex = -1;
    private bool _finishSent;

    public ChatChunkTranslator(PooledByteWriter output, string model, long created, bool includeUsage)
    {
        _output = output;
        _model = model;
        _created = created;
        _includeUsage = includeUsage;
        _json = new Utf8JsonWriter(output, OpenAiJson.StreamWriterOptions);
    }

    /// <summary>The stream reached <c>[DONE]</c> or an error chunk: nothing more is written.</summary>
    public bool Ended { get; private set; }

    public bool WantsData(SseEventKind kind) => !Ended && kind != SseEventKind.Other;

    public void OnEvent(SseEventKind kind, ReadOnlySpan<byte> data)
    {
        if (Ended)
        {
            return;
        }

        try
        {
            if (kind == SseEventKind.Unnamed)
            {
                kind = EventType(data);
            }

            switch (kind)
            {
                case SseEventKind.MessageStart: OnMessageStart(data); break;
                case SseEventKind.ContentBlockStart: OnBlockStart(data); break;
                case SseEventKind.ContentBlockDelta: OnBlockDelta(data); break;
                case SseEventKind.MessageDelta: OnMessageDelta(data); break;
                case SseEventKind.MessageStop: OnMessageStop(); break;
                case SseEventKind.Error: OnError(data); break;
                default: break;
            }
        }
        catch (JsonException)
        {
            // A malformed event is left out; the events around it still reach the client.
        }
    }

    /// <summary>The upstream body ended: a stream cut before <c>message_stop</c> gets an error chunk, so the client
    /// does not take a partial answer for a complete one.</summary>
    public void Complete()
    {
        if (!Ended)
        {
            WriteError("api_error", "The provider's stream ended before the message was complete");
        }
    }

    public void Dispose() => _json.Dispose();

    private void OnMessageStart(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        if (Enter(ref reader, "message"u8))
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.ValueTextEquals("id"u8) ? 1 : reader.ValueTextEquals("model"u8) ? 2 : reader.ValueTextEquals("usage"u8) ? 3 : 0;
                reader.Read();
                switch (field)
                {
                    case 1: _id = JsonValues.StringOrSkip(ref reader) ?? _id; break;
                    case 2: _model = JsonValues.StringOrSkip(ref reader) ?? _model; break;
                    case 3: UsageJson.Read(ref reader, _usage); break;
                    default: reader.Skip(); break;
                }
            }
        }

        BeginChunk();
        _json.WriteString("role"u8, "assistant"u8);
        _json.WriteString("content"u8, ""u8);
        EndChunk(finishReason: null);
    }

    private void OnBlockStart(ReadOnlySpan<byte> data)
    {
        _toolIndex = -1;
        var reader = new Utf8JsonReader(data);
        if (!Enter(ref reader, "content_block"u8))
        {
            return;
        }

        Range idRange = default, nameRange = default;
        var isTool = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("type"u8) ? 1 : reader.ValueTextEquals("id"u8) ? 2 : reader.ValueTextEquals("name"u8) ? 3 : 0;
            reader.Read();
            switch (field)
            {
                case 1: isTool = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("tool_use"u8); break;
                case 2: idRange = RawString(ref reader); break;
                case 3: nameRange = RawString(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        var id = data[idRange];
        var name = data[nameRange];
        if (!isTool || id.IsEmpty || name.IsEmpty)
        {
            return;
        }

        _toolIndex = _toolCalls++;
        BeginChunk();
        BeginToolCall();
        _json.WritePropertyName("id"u8);
        _json.WriteRawValue(id, skipInputValidation: true);
        _json.WriteString("type"u8, "function"u8);
        _json.WriteStartObject("function"u8);
        _json.WritePropertyName("name"u8);
        _json.WriteRawValue(name, skipInputValidation: true);
        _json.WriteString("arguments"u8, ""u8);
        EndToolCall();
        EndChunk(finishReason: null);
    }

    private void OnBlockDelta(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        if (!Enter(ref reader, "delta"u8))
        {
            return;
        }

        var type = DeltaType.Other;
        Range textRange = default, jsonRange = default, thinkingRange = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("type"u8) ? 1 : reader.ValueTextEquals("text"u8) ? 2
                : reader.ValueTextEquals("partial_json"u8) ? 3 : reader.ValueTextEquals("thinking"u8) ? 4 : 0;
            reader.Read();
            switch (field)
            {
                case 1 when reader.TokenType == JsonTokenType.String:
                    type = reader.ValueTextEquals("text_delta"u8) ? DeltaType.Text
                        : reader.ValueTextEquals("input_json_delta"u8) ? DeltaType.Json
                        : reader.ValueTextEquals("thinking_delta"u8) ? DeltaType.Thinking : DeltaType.Other;
                    break;
                case 1: reader.Skip(); break;
                case 2: textRange = RawString(ref reader); break;
                case 3: jsonRange = RawString(ref reader); break;
                case 4: thinkingRange = RawString(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        ReadOnlySpan<byte> text = data[textRange], json = data[jsonRange], thinking = data[thinkingRange];
        switch (type)
        {
            case DeltaType.Text when text.Length > 2:
                WriteDelta("content"u8, text);
                break;
            case DeltaType.Thinking when thinking.Length > 2:
                WriteDelta("reasoning_content"u8, thinking);
                break;
            case DeltaType.Json when json.Length > 2 && _toolIndex >= 0: // the first partial_json is "" (2 bytes raw)
                BeginChunk();
                BeginToolCall();
                _json.WriteStartObject("function"u8);
                _json.WritePropertyName("arguments"u8);
                _json.WriteRawValue(json, skipInputValidation: true);
                EndToolCall();
                EndChunk(finishReason: null);
                break;
            default:
                break;
        }
    }

    private void OnMessageDelta(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        var finish = "stop";
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.ValueTextEquals("delta"u8) ? 1 : reader.ValueTextEquals("usage"u8) ? 2 : 0;
                reader.Read();
                if (field == 1 && reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var isStop = reader.ValueTextEquals("stop_reason"u8);
                        reader.Read();
                        if (isStop && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
                        {
                            finish = FinishReason.From(reader.ValueSpan);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else if (field == 2)
                {
                    UsageJson.Read(ref reader, _usage);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        if (!_finishSent)
        {
            WriteFinish(finish);
        }
    }

    private void OnMessageStop()
    {
        if (!_finishSent)
        {
            WriteFinish("stop");
        }

        if (_includeUsage)
        {
            // OpenAI's usage chunk: empty choices, the totals of the whole stream.
            _output.Write("data: "u8);
            _json.Reset(_output);
            WriteEnvelope();
            _json.WriteStartArray("choices"u8);
            _json.WriteEndArray();
            ChatUsageWriter.Write(_json, _usage);
            _json.WriteEndObject();
            _json.Flush();
            _output.Write("\n\n"u8);
        }

        _output.Write("data: [DONE]\n\n"u8);
        Ended = true;
    }

    private void OnError(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        string? type = null, message = null;
        if (Enter(ref reader, "error"u8))
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.ValueTextEquals("type"u8) ? 1 : reader.ValueTextEquals("message"u8) ? 2 : 0;
                reader.Read();
                switch (field)
                {
                    case 1: type = JsonValues.StringOrSkip(ref reader); break;
                    case 2: message = JsonValues.StringOrSkip(ref reader); break;
                    default: reader.Skip(); break;
                }
            }
        }

        WriteError(type ?? "api_error", message ?? "The provider's stream failed");
    }

    private void WriteError(string type, string message)
    {
        _output.Write("data: "u8);
        _json.Reset(_output);
        OpenAiErrorBody.Write(_json, type, message);
        _json.Flush();
        _output.Write("\n\n"u8);
        Ended = true;
    }

    private void WriteFinish(string finishReason)
    {
        BeginChunk();
        EndChunk(finishReason);
        _finishSent = true;
    }

    private void WriteDelta(ReadOnlySpan<byte> name, ReadOnlySpan<byte> rawString)
    {
        BeginChunk();
        _json.WritePropertyName(name);
        _json.WriteRawValue(rawString, skipInputValidation: true);
        EndChunk(finishReason: null);
    }

    /// <summary><c>data: {"id",..,"choices":[{"index":0,"delta":{</c></summary>
    private void BeginChunk()
    {
        _output.Write("data: "u8);
        _json.Reset(_output);
        WriteEnvelope();
        _json.WriteStartArray("choices"u8);
        _json.WriteStartObject();
        _json.WriteNumber("index"u8, 0);
        _json.WriteStartObject("delta"u8);
    }

    /// <summary><c>},"logprobs":null,"finish_reason":..}]}</c> and the blank line.</summary>
    private void EndChunk(string? finishReason)
    {
        _json.WriteEndObject();
        _json.WriteNull("logprobs"u8);
        if (finishReason is null)
        {
            _json.WriteNull("finish_reason"u8);
        }
        else
        {
            _json.WriteString("finish_reason"u8, finishReason);
        }

        _json.WriteEndObject();
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        _output.Write("\n\n"u8);
    }

    private void WriteEnvelope()
    {
        _json.WriteStartObject();
        _json.WriteString("id"u8, _id);
        _json.WriteString("object"u8, "chat.completion.chunk"u8);
        _json.WriteNumber("created"u8, _created);
        _json.WriteString("model"u8, _model);
    }

    private void BeginToolCall()
    {
        _json.WriteStartArray("tool_calls"u8);
        _json.WriteStartObject();
        _json.WriteNumber("index"u8, _toolIndex);
    }

    private void EndToolCall()
    {
        _json.WriteEndObject(); // function
        _json.WriteEndObject();
        _json.WriteEndArray();
    }

    /// <summary>Moves the reader into the top-level object property <paramref name="name"/> (on its StartObject).</summary>
    private static bool Enter(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var found = reader.ValueTextEquals(name);
            reader.Read();
            if (found && reader.TokenType == JsonTokenType.StartObject)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    /// <summary>The string token the reader is on, quotes and escapes included, as it appears in the event.</summary>
    private static Range RawString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return default;
        }

        var start = (int)reader.TokenStartIndex;
        return new Range(start, start + reader.ValueSpan.Length + 2);
    }

    private static SseEventKind EventType(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                reader.Read();
                if (isType && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
                {
                    return SseEventNames.Classify(reader.ValueSpan);
                }

                reader.Skip();
            }
        }

        return SseEventKind.Other;
    }

    private enum DeltaType
    {
        Other,
        Text,
        Json,
        Thinking,
    }
}
