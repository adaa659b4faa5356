using System.Text.Json;

namespace Gateway.Plugins.AiProxy.OpenAi.Request;

/// <summary>
/// Chat Completions <c>messages</c> as Anthropic <c>system</c> and <c>messages</c>. Every system and developer
/// message is kept (as one text block each, in order; Kong keeps only the last). Consecutive messages that land on
/// the same Anthropic role become one turn, so several <c>role: tool</c> results (and a user message after them)
/// form one user turn whose tool results come first, as Anthropic requires.
/// </summary>
internal static class ChatMessagesWriter
{
    public static void WriteSystem(Utf8JsonWriter writer, JsonElement messages)
    {
        var any = false;
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (IsSystem(message))
            {
                if (!any)
                {
                    writer.WriteStartArray("system"u8);
                    any = true;
                }

                WriteTextBlocks(writer, Content(message), $"messages[{index}].content");
            }

            index++;
        }

        if (any)
        {
            writer.WriteEndArray();
        }
    }

    public static void WriteMessages(Utf8JsonWriter writer, JsonElement messages)
    {
        writer.WriteStartArray("messages"u8);
        string? openRole = null;
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var param = $"messages[{index++}]";
            if (IsSystem(message) || IsEmpty(message))
            {
                continue;
            }

            var role = AnthropicRole(message, param);
            if (role != openRole)
            {
                if (openRole is not null)
                {
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                writer.WriteStartObject();
                writer.WriteString("role"u8, role);
                writer.WriteStartArray("content"u8);
                openRole = role;
            }

            switch (Role(message))
            {
                case "tool":
                    WriteToolResult(writer, message, param);
                    break;
                case "assistant":
                    WriteAssistant(writer, message, param);
                    break;
                default:
                    WriteUserContent(writer, Content(message), param + ".content");
                    break;
            }
        }

        if (openRole is not null)
        {
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>A user or assistant message with nothing to say (OpenAI clients send <c>content: ""</c> or null
    /// beside nothing): Anthropic rejects an empty turn, and leaving it out changes nothing.</summary>
    private static bool IsEmpty(JsonElement message)
    {
        if (Role(message) is not ("user" or "assistant")
            || (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array && calls.GetArrayLength() > 0))
        {
            return false;
        }

        var content = Content(message);
        return content.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => true,
            JsonValueKind.String => content.ValueEquals(string.Empty),
            JsonValueKind.Array => content.GetArrayLength() == 0,
            _ => false,
        };
    }

    private static bool IsSystem(JsonElement message) => Role(message) is "system" or "developer";

    private static string? Role(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("role", out var role)
            && role.ValueKind == JsonValueKind.String ? role.GetString() : null;

    private static string AnthropicRole(JsonElement message, string param) => Role(message) switch
    {
        "user" or "tool" => "user",
        "assistant" => "assistant",
        "function" => throw new ChatRequestException("role 'function' (the deprecated functions API) is not supported: use tools", param + ".role"),
        _ => throw new ChatRequestException("each message needs a role: system, developer, user, assistant or tool", param + ".role"),
    };

    private static JsonElement Content(JsonElement message) =>
        message.TryGetProperty("content", out var content) ? content : default;

    /// <summary>A string, or an array of text parts, as text blocks; empty texts are left out (Anthropic rejects them).</summary>
    private static void WriteTextBlocks(Utf8JsonWriter writer, JsonElement content, string param)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                WriteText(writer, content);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var part in content.EnumerateArray())
                {
                    var type = PartType(part);
                    if (type is "text" or "refusal" && part.TryGetProperty(type, out var text) && text.ValueKind == JsonValueKind.String)
                    {
                        WriteText(writer, text);
                    }
                    else
                    {
                        throw new ChatRequestException($"content part type '{type}' is not supported here (only text)", $"{param}[{i}]");
                    }

                    i++;
                }

                break;
            case JsonValueKind.Undefined or JsonValueKind.Null:
                break;
            default:
                throw new ChatRequestException("content must be a string or an array of content parts", param);
        }
    }

    private static void WriteUserContent(Utf8JsonWriter writer, JsonElement content, string param)
    {
        if (content.ValueKind != JsonValueKind.Array)
        {
            WriteTextBlocks(writer, content, param);
            return;
        }

        var i = 0;
        foreach (var part in content.EnumerateArray())
        {
            var partParam = $"{param}[{i++}]";
            switch (PartType(part))
            {
                case "text" when part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String:
                    WriteText(writer, text);
                    break;
                case "image_url":
                    ImageBlock.Write(writer, part, partParam);
                    break;
                case "input_audio":
                    throw new ChatRequestException("audio input is not supported by this provider", partParam);
                case var other:
                    throw new ChatRequestException($"content part type '{other}' is not supported (only text and image_url)", partParam);
            }
        }
    }

    private static void WriteAssistant(Utf8JsonWriter writer, JsonElement message, string param)
    {
        // Kong drops the text of an assistant turn that also called tools; it is part of the conversation.
        WriteTextBlocks(writer, Content(message), param + ".content");
        if (message.TryGetProperty("audio", out var audio) && audio.ValueKind != JsonValueKind.Null)
        {
            throw new ChatRequestException("audio is not supported by this provider", param + ".audio");
        }

        if (!message.TryGetProperty("tool_calls", out var calls) || calls.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (calls.ValueKind != JsonValueKind.Array)
        {
            throw new ChatRequestException("tool_calls must be an array", param + ".tool_calls");
        }

        var i = 0;
        foreach (var call in calls.EnumerateArray())
        {
            var callParam = $"{param}.tool_calls[{i++}]";
            if (call.ValueKind != JsonValueKind.Object || !call.TryGetProperty("function", out var function)
                || function.ValueKind != JsonValueKind.Object)
            {
                throw new ChatRequestException("a tool call needs a function", callParam);
            }

            writer.WriteStartObject();
            writer.WriteString("type"u8, "tool_use"u8);
            writer.WriteString("id"u8, RequiredString(call, "id", callParam));
            writer.WriteString("name"u8, RequiredString(function, "name", callParam + ".function"));
            writer.WritePropertyName("input"u8);
            WriteArguments(writer, function, callParam + ".function.arguments");
            writer.WriteEndObject();
        }
    }

    /// <summary>OpenAI sends the arguments as a JSON text; Anthropic wants the object itself.</summary>
    private static void WriteArguments(Utf8JsonWriter writer, JsonElement function, string param)
    {
        var text = function.TryGetProperty("arguments", out var arguments) && arguments.ValueKind == JsonValueKind.String
            ? arguments.GetString() : null;
        if (string.IsNullOrWhiteSpace(text))
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ChatRequestException("function arguments must be a JSON object", param);
            }

            document.RootElement.WriteTo(writer);
        }
        catch (JsonException)
        {
            throw new ChatRequestException("function arguments are not valid JSON", param);
        }
    }

    private static void WriteToolResult(Utf8JsonWriter writer, JsonElement message, string param)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "tool_result"u8);
        writer.WriteString("tool_use_id"u8, RequiredString(message, "tool_call_id", param));
        var content = Content(message);
        if (content.ValueKind == JsonValueKind.String)
        {
            writer.WritePropertyName("content"u8);
            content.WriteTo(writer);
        }
        else if (content.ValueKind == JsonValueKind.Array)
        {
            writer.WriteStartArray("content"u8);
            WriteTextBlocks(writer, content, param + ".content");
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter writer, JsonElement text)
    {
        if (text.ValueEquals(string.Empty))
        {
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type"u8, "text"u8);
        writer.WritePropertyName("text"u8);
        text.WriteTo(writer);
        writer.WriteEndObject();
    }

    private static string? PartType(JsonElement part) =>
        part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString() : null;

    private static string RequiredString(JsonElement element, string name, string param) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new ChatRequestException($"'{name}' is required", $"{param}.{name}");
}
