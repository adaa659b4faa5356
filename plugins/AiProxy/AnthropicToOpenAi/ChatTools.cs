using System.Text.Json;

namespace Gateway.Plugins.AiProxy.AnthropicToOpenAi;

/// <summary>
/// Anthropic <c>tools</c> as OpenAI function tools (<c>input_schema</c> → <c>parameters</c>) and <c>tool_choice</c>
/// (<c>auto</c>, <c>any</c> → <c>required</c>, <c>tool</c> → the named function, <c>none</c>;
/// <c>disable_parallel_tool_use</c> → <c>parallel_tool_calls: false</c>). Server tools (web search, code execution…)
/// run at Anthropic only and are dropped, as are <c>cache_control</c>, <c>defer_loading</c> and the like.
/// </summary>
internal static class ChatTools
{
    public static void Write(Utf8JsonWriter w, JsonElement root, SortedSet<string> dropped)
    {
        var written = 0;
        if (root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array)
        {
            foreach (var tool in tools.EnumerateArray())
            {
                if (tool.ValueKind != JsonValueKind.Object || !tool.TryGetProperty("input_schema", out var schema)
                    || (tool.TryGetProperty("type", out var type) && !type.ValueEquals("custom"u8)))
                {
                    dropped.Add("server tools");
                    continue;
                }

                if (written++ == 0)
                {
                    w.WriteStartArray("tools"u8);
                }

                w.WriteStartObject();
                w.WriteString("type"u8, "function"u8);
                w.WriteStartObject("function"u8);
                foreach (var property in tool.EnumerateObject())
                {
                    if (property.NameEquals("name"u8) || property.NameEquals("description"u8))
                    {
                        property.WriteTo(w);
                    }
                    else if (!property.NameEquals("input_schema"u8) && !property.NameEquals("type"u8))
                    {
                        dropped.Add("tools[]." + property.Name);
                    }
                }

                w.WritePropertyName("parameters"u8);
                schema.WriteTo(w);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            if (written > 0)
            {
                w.WriteEndArray();
            }
        }

        if (root.TryGetProperty("tool_choice", out var choice) && choice.ValueKind == JsonValueKind.Object && written > 0)
        {
            WriteChoice(w, choice);
        }
    }

    private static void WriteChoice(Utf8JsonWriter w, JsonElement choice)
    {
        var type = choice.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case "auto":
                w.WriteString("tool_choice"u8, "auto"u8);
                break;
            case "any":
                w.WriteString("tool_choice"u8, "required"u8);
                break;
            case "none":
                w.WriteString("tool_choice"u8, "none"u8);
                break;
            case "tool" when choice.TryGetProperty("name", out var name):
                w.WriteStartObject("tool_choice"u8);
                w.WriteString("type"u8, "function"u8);
                w.WriteStartObject("function"u8);
                w.WriteString("name"u8, name.GetString());
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            default:
                break;
        }

        if (choice.TryGetProperty("disable_parallel_tool_use", out var disable) && disable.ValueKind == JsonValueKind.True)
        {
            w.WriteBoolean("parallel_tool_calls"u8, false);
        }
    }
}
