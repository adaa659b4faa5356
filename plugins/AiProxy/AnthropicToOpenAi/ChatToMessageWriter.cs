using System.Buffers;
using System.Text.Json;
using Gateway.Plugins.AiProxy.OpenAi;
using Gateway.Plugins.AiProxy.Statistics;

namespace Gateway.Plugins.AiProxy.AnthropicToOpenAi;

/// <summary>
/// A one-shot <c>chat.completion</c> as an Anthropic message: <c>reasoning_content</c> → a thinking block,
/// <c>content</c> → a text block, <c>tool_calls</c> → <c>tool_use</c> blocks (ids kept, arguments parsed),
/// <c>finish_reason</c> → <c>stop_reason</c>, usage as Anthropic counts it. The model is the client's name.
/// </summary>
internal static class ChatToMessageWriter
{
    /// <returns>The Anthropic body, or null when the answer is not a chat completion.</returns>
    public static byte[]? Translate(ReadOnlyMemory<byte> body, string clientModel)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("choices", out var choices)
                || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
            {
                return null;
            }

            var choice = choices[0];
            var message = choice.TryGetProperty("message", out var m) ? m : default;
            var finish = choice.TryGetProperty("finish_reason", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            TokenUsage? usage = null;
            if (root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object)
            {
                usage = ChatUsage.From(u);
            }

            var buffer = new ArrayBufferWriter<byte>(body.Length + 128);
            using (var w = new Utf8JsonWriter(buffer, OpenAiJson.WriterOptions))
            {
                w.WriteStartObject();
                w.WriteString("id"u8, root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : "msg_gateway");
                w.WriteString("type"u8, "message"u8);
                w.WriteString("role"u8, "assistant"u8);
                w.WriteString("model"u8, clientModel);
                w.WriteStartArray("content"u8);
                WriteContent(w, message);
                w.WriteEndArray();
                w.WriteString("stop_reason"u8, StopReason.From(finish));
                w.WriteNull("stop_sequence"u8);
                ChatUsage.Write(w, usage);
                w.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteContent(Utf8JsonWriter w, JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if ((Text(message, "reasoning_content") ?? Text(message, "reasoning")) is { Length: > 0 } thinking)
        {
            w.WriteStartObject();
            w.WriteString("type"u8, "thinking"u8);
            w.WriteString("thinking"u8, thinking);
            w.WriteString("signature"u8, ""u8);
            w.WriteEndObject();
        }

        if (Text(message, "content") is { Length: > 0 } text)
        {
            w.WriteStartObject();
            w.WriteString("type"u8, "text"u8);
            w.WriteString("text"u8, text);
            w.WriteEndObject();
        }

        if (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in calls.EnumerateArray())
            {
                var function = call.TryGetProperty("function", out var fn) ? fn : default;
                w.WriteStartObject();
                w.WriteString("type"u8, "tool_use"u8);
                w.WriteString("id"u8, Text(call, "id") ?? "toolu_gateway");
                w.WriteString("name"u8, function.ValueKind == JsonValueKind.Object ? Text(function, "name") : null);
                w.WritePropertyName("input"u8);
                ToolInput.Write(w, function.ValueKind == JsonValueKind.Object ? Text(function, "arguments") : null);
                w.WriteEndObject();
            }
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

}
