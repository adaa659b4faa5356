using System.Buffers;
using System.Text;
using System.Text.Json;
using Gateway.Plugins.AiProxy.Statistics;

namespace Gateway.Plugins.AiProxy.OpenAi.Response;

/// <summary>
/// A complete Anthropic Message as a <c>chat.completion</c>: text blocks joined into <c>content</c> (no separator,
/// as the stream delivers them; Kong puts a newline before every block but the first), thinking as
/// <c>reasoning_content</c> (what OpenAI-compatible clients of reasoning models read), <c>tool_use</c> blocks as
/// <c>tool_calls</c> with their ids, the stop reason mapped, usage with cache tokens counted.
/// </summary>
internal static class ChatCompletionWriter
{
    /// <returns>The Chat Completions body, or null when the body is not an Anthropic Message.</returns>
    public static byte[]? Translate(ReadOnlyMemory<byte> message, long created)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("content", out var content)
                || content.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var buffer = new ArrayBufferWriter<byte>(message.Length + 256);
            using (var writer = new Utf8JsonWriter(buffer, OpenAiJson.WriterOptions))
            {
                writer.WriteStartObject();
                CopyString(writer, root, "id", "id"u8);
                writer.WriteString("object"u8, "chat.completion"u8);
                writer.WriteNumber("created"u8, created);
                CopyString(writer, root, "model", "model"u8);
                writer.WriteStartArray("choices"u8);
                writer.WriteStartObject();
                writer.WriteNumber("index"u8, 0);
                WriteMessage(writer, content);
                writer.WriteNull("logprobs"u8);
                var stop = Field(root, "stop_reason") is { } reason ? FinishReason.From(reason) : "stop";
                writer.WriteString("finish_reason"u8, stop);
                writer.WriteEndObject();
                writer.WriteEndArray();
                ChatUsageWriter.Write(writer, Usage(root));
                writer.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }
    }

    private static void WriteMessage(Utf8JsonWriter writer, JsonElement content)
    {
        var text = new StringBuilder();
        StringBuilder? thinking = null;
        var toolCalls = 0;
        foreach (var block in content.EnumerateArray())
        {
            switch (Type(block))
            {
                case "text":
                    text.Append(Field(block, "text"));
                    break;
                case "thinking":
                    (thinking ??= new StringBuilder()).Append(Field(block, "thinking"));
                    break;
                case "tool_use":
                    toolCalls++;
                    break;
                default:
                    break; // redacted thinking, server tool blocks: nothing an OpenAI client can read
            }
        }

        writer.WriteStartObject("message"u8);
        writer.WriteString("role"u8, "assistant"u8);
        if (text.Length > 0 || toolCalls == 0)
        {
            writer.WriteString("content"u8, text.ToString());
        }
        else
        {
            writer.WriteNull("content"u8);
        }

        writer.WriteNull("refusal"u8);
        if (thinking is not null)
        {
            writer.WriteString("reasoning_content"u8, thinking.ToString());
        }

        if (toolCalls > 0)
        {
            writer.WriteStartArray("tool_calls"u8);
            foreach (var block in content.EnumerateArray())
            {
                if (Type(block) != "tool_use")
                {
                    continue;
                }

                writer.WriteStartObject();
                CopyString(writer, block, "id", "id"u8);
                writer.WriteString("type"u8, "function"u8);
                writer.WriteStartObject("function"u8);
                CopyString(writer, block, "name", "name"u8);
                writer.WriteString("arguments"u8, block.TryGetProperty("input", out var input) ? input.GetRawText() : "{}");
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static TokenUsage Usage(JsonElement root)
    {
        var usage = new TokenUsage();
        if (root.TryGetProperty("usage", out var element) && element.ValueKind == JsonValueKind.Object)
        {
            usage.InputTokens = Count(element, "input_tokens");
            usage.OutputTokens = Count(element, "output_tokens");
            usage.CacheReadInputTokens = Count(element, "cache_read_input_tokens");
            usage.CacheCreationInputTokens = Count(element, "cache_creation_input_tokens");
        }

        return usage;
    }

    private static long? Count(JsonElement usage, string name) =>
        usage.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var count) ? count : null;

    private static string? Type(JsonElement block) => Field(block, "type");

    private static string? Field(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;

    private static void CopyString(Utf8JsonWriter writer, JsonElement element, string field, ReadOnlySpan<byte> name)
    {
        if (Field(element, field) is { } value)
        {
            writer.WriteString(name, value);
        }
    }
}
