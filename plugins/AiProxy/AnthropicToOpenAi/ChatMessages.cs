using System.Text;
using System.Text.Json;

namespace Gateway.Plugins.AiProxy.AnthropicToOpenAi;

/// <summary>
/// One Anthropic message as Chat Completions messages. A user turn's <c>tool_result</c> blocks become
/// <c>role: tool</c> messages (first, since OpenAI wants them right after the assistant's <c>tool_calls</c>), its
/// text and images one user message with content parts. An assistant turn's text becomes <c>content</c> and its
/// <c>tool_use</c> blocks <c>tool_calls</c> (ids kept); its thinking blocks are dropped (OpenAI takes no reasoning back).
/// </summary>
internal static class ChatMessages
{
    public static void Write(Utf8JsonWriter w, JsonElement message, string param, SortedSet<string> dropped)
    {
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("role", out var role)
            || role.ValueKind != JsonValueKind.String)
        {
            throw new MessagesRequestException($"{param}.role: must be 'user' or 'assistant'");
        }

        message.TryGetProperty("content", out var content);
        if (role.ValueEquals("assistant"u8))
        {
            WriteAssistant(w, content, dropped);
        }
        else if (role.ValueEquals("user"u8))
        {
            WriteUser(w, content, param, dropped);
        }
        else
        {
            throw new MessagesRequestException($"{param}.role: must be 'user' or 'assistant'");
        }
    }

    private static void WriteUser(Utf8JsonWriter w, JsonElement content, string param, SortedSet<string> dropped)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            WriteText(w, "user"u8, content.GetString()!);
            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw new MessagesRequestException($"{param}.content: must be a string or an array of content blocks");
        }

        var parts = new List<JsonElement>();
        foreach (var block in content.EnumerateArray())
        {
            NoteCacheControl(block, dropped);
            switch (BlockType(block))
            {
                case "tool_result":
                    WriteToolResult(w, block, parts, dropped);
                    break;
                case "text" or "image":
                    parts.Add(block);
                    break;
                case var other:
                    dropped.Add($"content block '{other}'");
                    break;
            }
        }

        if (parts.Count == 0)
        {
            return;
        }

        w.WriteStartObject();
        w.WriteString("role"u8, "user"u8);
        w.WriteStartArray("content"u8);
        foreach (var part in parts)
        {
            WritePart(w, part);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteToolResult(Utf8JsonWriter w, JsonElement block, List<JsonElement> images, SortedSet<string> dropped)
    {
        var id = block.TryGetProperty("tool_use_id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        if (string.IsNullOrEmpty(id))
        {
            throw new MessagesRequestException("tool_result.tool_use_id: Field required");
        }

        var text = new StringBuilder();
        if (block.TryGetProperty("content", out var content))
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                text.Append(content.GetString());
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in content.EnumerateArray())
                {
                    var type = BlockType(part);
                    if (type == "text" && part.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
                    {
                        text.Append(t.GetString());
                    }
                    else if (type == "image")
                    {
                        // Tool messages carry text only: the image follows in the user message.
                        images.Add(part);
                    }
                }
            }
        }

        if (block.TryGetProperty("is_error", out var isError) && isError.ValueKind == JsonValueKind.True)
        {
            dropped.Add("tool_result.is_error");
        }

        w.WriteStartObject();
        w.WriteString("role"u8, "tool"u8);
        w.WriteString("tool_call_id"u8, id);
        w.WriteString("content"u8, text.ToString());
        w.WriteEndObject();
    }

    private static void WriteAssistant(Utf8JsonWriter w, JsonElement content, SortedSet<string> dropped)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            WriteText(w, "assistant"u8, content.GetString()!);
            return;
        }

        var text = new StringBuilder();
        var calls = new List<JsonElement>();
        if (content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                NoteCacheControl(block, dropped);
                switch (BlockType(block))
                {
                    case "text" when block.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String:
                        text.Append(t.GetString());
                        break;
                    case "tool_use":
                        calls.Add(block);
                        break;
                    case "thinking" or "redacted_thinking":
                        dropped.Add("thinking blocks");
                        break;
                    case var other:
                        dropped.Add($"content block '{other}'");
                        break;
                }
            }
        }

        if (text.Length == 0 && calls.Count == 0)
        {
            return; // an empty assistant turn (only thinking): OpenAI would reject it
        }

        w.WriteStartObject();
        w.WriteString("role"u8, "assistant"u8);
        if (text.Length > 0)
        {
            w.WriteString("content"u8, text.ToString());
        }
        else
        {
            w.WriteNull("content"u8);
        }

        if (calls.Count > 0)
        {
            w.WriteStartArray("tool_calls"u8);
            foreach (var call in calls)
            {
                w.WriteStartObject();
                w.WriteString("id"u8, call.TryGetProperty("id", out var id) ? id.GetString() : null);
                w.WriteString("type"u8, "function"u8);
                w.WriteStartObject("function"u8);
                w.WriteString("name"u8, call.TryGetProperty("name", out var name) ? name.GetString() : null);
                w.WriteString("arguments"u8, call.TryGetProperty("input", out var input) ? input.GetRawText() : "{}");
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WritePart(Utf8JsonWriter w, JsonElement block)
    {
        w.WriteStartObject();
        if (BlockType(block) == "text")
        {
            w.WriteString("type"u8, "text"u8);
            w.WriteString("text"u8, block.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "");
        }
        else
        {
            w.WriteString("type"u8, "image_url"u8);
            w.WriteStartObject("image_url"u8);
            w.WriteString("url"u8, ImageUrl(block));
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary>A base64 source as a data URL, a url source as its URL.</summary>
    private static string ImageUrl(JsonElement block)
    {
        if (!block.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.Object
            || !source.TryGetProperty("type", out var type))
        {
            throw new MessagesRequestException("image.source: Field required");
        }

        if (type.ValueEquals("base64"u8) && source.TryGetProperty("media_type", out var media) && source.TryGetProperty("data", out var data))
        {
            return $"data:{media.GetString()};base64,{data.GetString()}";
        }

        if (type.ValueEquals("url"u8) && source.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String)
        {
            return url.GetString()!;
        }

        throw new MessagesRequestException("image.source: only base64 and url images can be sent to this provider");
    }

    private static void WriteText(Utf8JsonWriter w, ReadOnlySpan<byte> role, string text)
    {
        w.WriteStartObject();
        w.WriteString("role"u8, role);
        w.WriteString("content"u8, text);
        w.WriteEndObject();
    }

    private static string BlockType(JsonElement block) =>
        block.ValueKind == JsonValueKind.Object && block.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()!
            : "(untyped)";

    private static void NoteCacheControl(JsonElement block, SortedSet<string> dropped)
    {
        if (block.ValueKind == JsonValueKind.Object && block.TryGetProperty("cache_control", out _))
        {
            dropped.Add("cache_control");
        }
    }
}
