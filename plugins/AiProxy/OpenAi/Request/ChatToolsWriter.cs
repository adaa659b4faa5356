using System.Text.Json;

namespace Gateway.Plugins.AiProxy.OpenAi.Request;

/// <summary>OpenAI <c>tools</c>, <c>tool_choice</c> and <c>parallel_tool_calls</c> as Anthropic <c>tools</c> and
/// <c>tool_choice</c>.</summary>
internal static class ChatToolsWriter
{
    public static void Write(Utf8JsonWriter writer, JsonElement root)
    {
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (tools.ValueKind != JsonValueKind.Array)
        {
            throw new ChatRequestException("tools must be an array", "tools");
        }

        writer.WriteStartArray("tools"u8);
        var i = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            WriteTool(writer, tool, $"tools[{i++}]");
        }

        writer.WriteEndArray();
        WriteChoice(writer, root);
    }

    private static void WriteTool(Utf8JsonWriter writer, JsonElement tool, string param)
    {
        if (tool.ValueKind != JsonValueKind.Object || !tool.TryGetProperty("type", out var type) || !type.ValueEquals("function")
            || !tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
        {
            throw new ChatRequestException("only tools of type 'function' are supported", param);
        }

        if (!function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            throw new ChatRequestException("'name' is required", param + ".function.name");
        }

        writer.WriteStartObject();
        writer.WritePropertyName("name"u8);
        name.WriteTo(writer);
        if (function.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String)
        {
            writer.WritePropertyName("description"u8);
            description.WriteTo(writer);
        }

        writer.WritePropertyName("input_schema"u8);
        if (function.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
        {
            parameters.WriteTo(writer);
        }
        else
        {
            // OpenAI allows a function without parameters; Anthropic requires a schema.
            writer.WriteStartObject();
            writer.WriteString("type"u8, "object"u8);
            writer.WriteStartObject("properties"u8);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        if (function.TryGetProperty("strict", out var strict) && strict.ValueKind == JsonValueKind.True)
        {
            writer.WriteBoolean("strict"u8, true);
        }

        writer.WriteEndObject();
    }

    private static void WriteChoice(Utf8JsonWriter writer, JsonElement root)
    {
        var disableParallel = root.TryGetProperty("parallel_tool_calls", out var parallel) && parallel.ValueKind == JsonValueKind.False;
        var hasChoice = root.TryGetProperty("tool_choice", out var choice) && choice.ValueKind != JsonValueKind.Null;
        if (!hasChoice && !disableParallel)
        {
            return;
        }

        string type;
        string? name = null;
        if (!hasChoice)
        {
            type = "auto";
        }
        else if (choice.ValueKind == JsonValueKind.String)
        {
            type = choice.GetString() switch
            {
                "auto" => "auto",
                "required" => "any",
                "none" => "none",
                var other => throw new ChatRequestException($"tool_choice '{other}' is not one of none, auto, required", "tool_choice"),
            };
        }
        else if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("function", out var function)
            && function.ValueKind == JsonValueKind.Object && function.TryGetProperty("name", out var chosen)
            && chosen.ValueKind == JsonValueKind.String)
        {
            type = "tool";
            name = chosen.GetString();
        }
        else
        {
            throw new ChatRequestException("tool_choice must be none, auto, required or {\"type\":\"function\",\"function\":{\"name\":...}}", "tool_choice");
        }

        writer.WriteStartObject("tool_choice"u8);
        writer.WriteString("type"u8, type);
        if (name is not null)
        {
            writer.WriteString("name"u8, name);
        }

        // Anthropic's "none" takes no such flag: with no tool call allowed there is nothing to serialize.
        if (disableParallel && type != "none")
        {
            writer.WriteBoolean("disable_parallel_tool_use"u8, true);
        }

        writer.WriteEndObject();
    }
}
