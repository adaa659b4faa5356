using System.Buffers;
using System.Text.Json;
using Gateway.Plugins.AiProxy.Response;
using Gateway.Plugins.AiProxy.Response.Json;
using Gateway.Plugins.AiProxy.Response.Sse;

namespace Gateway.Plugins.AiProxy.OpenAiUpstream.Response;

/// <summary>
/// Reads the statistics of an OpenAI event stream: <c>model</c>, the first chunk with content (time to first
/// token), chunks carrying output (content, <c>reasoning_content</c> or tool-call fragments), the usage chunk,
/// an error chunk, and <c>[DONE]</c> (the stream is complete).
/// </summary>
internal sealed class ChatStreamReader(ResponseFacts facts, bool captureText) : ISseEventSink
{
    /// <summary>Request-clock time (<see cref="PluginContext.Elapsed"/> ticks) of the chunk being read, set by the
    /// caller before each feed.</summary>
    public long Now { get; set; }

    public bool WantsData(SseEventKind kind) => true;

    public void OnEvent(SseEventKind kind, ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            facts.MessageStopped = true;
            return;
        }

        try
        {
            Read(data);
        }
        catch (JsonException)
        {
            facts.ReadProblem = "malformed stream event";
        }
    }

    private void Read(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("model"u8) ? 1 : reader.ValueTextEquals("usage"u8) ? 2
                : reader.ValueTextEquals("error"u8) ? 3 : reader.ValueTextEquals("choices"u8) ? 4 : 0;
            reader.Read();
            switch (field)
            {
                case 1:
                    var model = JsonValues.StringOrSkip(ref reader);
                    facts.Model ??= model;
                    break;
                case 2:
                    if (ChatUsageJson.Read(ref reader, facts.Usage))
                    {
                        facts.FinalUsageSeen = true;
                        facts.UsageChanged = true; // published to other plugins from the body filter
                    }

                    break;
                case 3:
                    JsonValues.ReadError(ref reader, facts);
                    break;
                case 4 when reader.TokenType == JsonTokenType.StartArray:
                    ReadChoices(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    private void ReadChoices(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isDelta = reader.ValueTextEquals("delta"u8);
                reader.Read();
                if (isDelta && reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadDelta(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
    }

    private void ReadDelta(ref Utf8JsonReader reader)
    {
        var output = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("content"u8) ? 1
                : reader.ValueTextEquals("reasoning_content"u8) || reader.ValueTextEquals("reasoning"u8) ? 2
                : reader.ValueTextEquals("tool_calls"u8) ? 3 : 0;
            reader.Read();
            if (field is 1 or 2 && reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0)
            {
                output = true;
                if (field == 1 && captureText)
                {
                    AppendString(ref reader);
                }
            }
            else if (field == 3 && reader.TokenType == JsonTokenType.StartArray)
            {
                output |= reader.Read() && reader.TokenType == JsonTokenType.StartObject;
                if (reader.TokenType != JsonTokenType.EndArray)
                {
                    // Finish the array: skip the element just entered, then the rest.
                    reader.Skip();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Skip();
            }
        }

        if (output)
        {
            if (facts.FirstContentTimestamp == 0)
            {
                facts.FirstContentTimestamp = Now;
            }

            facts.OutputDeltas++;
        }
    }

    private void AppendString(ref Utf8JsonReader reader)
    {
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
