using System.Buffers;
using System.Text.Json;
using Gateway.Plugins.AiProxy.Response.Json;

namespace Gateway.Plugins.AiProxy.Response.Sse;

/// <summary>
/// Reads the Anthropic stream events that carry statistics: <c>message_start</c> (model, first usage),
/// <c>message_delta</c> (cumulative usage), the first <c>content_block_start</c>/<c>content_block_delta</c>
/// (time to first token), <c>text_delta</c> text (only when payloads are logged), <c>message_stop</c> (the stream
/// is complete) and <c>error</c>. Content deltas are counted with a byte search; they are parsed only when their
/// text is wanted.
/// </summary>
internal sealed class AnthropicStreamReader(ResponseFacts facts, bool captureText) : ISseEventSink
{
    /// <summary>Request-clock time (<see cref="PluginContext.Elapsed"/> ticks) of the chunk being read, set by the caller before each feed.</summary>
    public long Now { get; set; }

    public bool WantsData(SseEventKind kind) => kind is not (SseEventKind.Other or SseEventKind.ContentBlockStart or SseEventKind.MessageStop);

    public void OnEvent(SseEventKind kind, ReadOnlySpan<byte> data)
    {
        try
        {
            if (kind == SseEventKind.Unnamed)
            {
                kind = KindFromType(data);
            }

            switch (kind)
            {
                case SseEventKind.ContentBlockStart:
                    MarkFirstContent();
                    break;
                case SseEventKind.ContentBlockDelta:
                    MarkFirstContent();
                    if (CarriesOutput(data))
                    {
                        facts.OutputDeltas++;
                    }

                    if (captureText)
                    {
                        AppendDeltaText(data);
                    }

                    break;
                case SseEventKind.MessageStart:
                    ReadMessageStart(data);
                    facts.UsageChanged = true;
                    break;
                case SseEventKind.MessageDelta:
                    facts.FinalUsageSeen = true;
                    ReadTopLevel(data, "usage"u8, readModel: false);
                    facts.UsageChanged = true;
                    break;
                case SseEventKind.MessageStop:
                    facts.MessageStopped = true;
                    break;
                case SseEventKind.Error:
                    ReadTopLevel(data, "error"u8, readModel: false);
                    break;
                default:
                    break;
            }
        }
        catch (JsonException)
        {
            // One malformed event must not stop the statistics for the rest of the stream.
            facts.ReadProblem = "malformed stream event";
        }
    }

    /// <summary>Whether a content delta carried output: a signature is not output, and a tool call's first
    /// <c>input_json_delta</c> is empty (Anthropic writes compact JSON, so the byte search is exact).</summary>
    private static bool CarriesOutput(ReadOnlySpan<byte> data) =>
        data.IndexOf("\"signature_delta\""u8) < 0 && data.IndexOf("\"partial_json\":\"\""u8) < 0;

    private void MarkFirstContent()
    {
        if (facts.FirstContentTimestamp == 0)
        {
            facts.FirstContentTimestamp = Now;
        }
    }

    private static SseEventKind KindFromType(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return SseEventKind.Other;
        }

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

        return SseEventKind.Other;
    }

    private void ReadMessageStart(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMessage = reader.ValueTextEquals("message"u8);
            reader.Read();
            if (isMessage && reader.TokenType == JsonTokenType.StartObject)
            {
                ReadObject(ref reader, "usage"u8, readModel: true);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private void ReadTopLevel(ReadOnlySpan<byte> data, ReadOnlySpan<byte> wanted, bool readModel)
    {
        var reader = new Utf8JsonReader(data);
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            ReadObject(ref reader, wanted, readModel);
        }
    }

    /// <summary>Reads <c>model</c> (optionally) and one wanted object (<c>usage</c> or <c>error</c>) from the
    /// object the reader is on.</summary>
    private void ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> wanted, bool readModel)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isWanted = reader.ValueTextEquals(wanted);
            var isModel = readModel && !isWanted && reader.ValueTextEquals("model"u8);
            reader.Read();
            if (isModel)
            {
                facts.Model = JsonValues.StringOrSkip(ref reader);
            }
            else if (isWanted && wanted.SequenceEqual("usage"u8))
            {
                UsageJson.Read(ref reader, facts.Usage);
            }
            else if (isWanted)
            {
                JsonValues.ReadError(ref reader, facts);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>Appends <c>delta.text</c> of a <c>text_delta</c>, unescaped; the delta's fields may come in any order.</summary>
    private void AppendDeltaText(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isDelta = reader.ValueTextEquals("delta"u8);
            reader.Read();
            if (!isDelta || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            var isText = false;
            var textStart = -1L;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.ValueTextEquals("type"u8) ? 1 : reader.ValueTextEquals("text"u8) ? 2 : 0;
                reader.Read();
                if (field == 1)
                {
                    isText = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("text_delta"u8);
                }
                else if (field == 2 && reader.TokenType == JsonTokenType.String)
                {
                    textStart = reader.TokenStartIndex;
                }
                else
                {
                    reader.Skip();
                }
            }

            if (isText && textStart >= 0)
            {
                AppendString(data[(int)textStart..]);
            }

            return;
        }
    }

    /// <summary>Appends the JSON string that starts <paramref name="json"/>, unescaping only when it has to.</summary>
    private void AppendString(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        if (!reader.ValueIsEscaped)
        {
            facts.StreamText.AppendText(reader.ValueSpan);
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            var written = reader.CopyString(rented);
            facts.StreamText.AppendText(rented.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
