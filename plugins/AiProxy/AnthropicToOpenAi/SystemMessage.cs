using System.Text;
using System.Text.Json;

namespace Gateway.Plugins.AiProxy.AnthropicToOpenAi;

/// <summary><c>system</c> (a string, or text blocks with <c>cache_control</c>) as one leading system message: the
/// blocks' texts joined with a blank line, so nothing of Claude Code's long system prompt is lost.</summary>
internal static class SystemMessage
{
    public static void Write(Utf8JsonWriter w, JsonElement system, SortedSet<string> dropped)
    {
        string? text = system.ValueKind switch
        {
            JsonValueKind.String => system.GetString(),
            JsonValueKind.Array => Join(system, dropped),
            _ => null,
        };
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        w.WriteStartObject();
        w.WriteString("role"u8, "system"u8);
        w.WriteString("content"u8, text);
        w.WriteEndObject();
    }

    private static string Join(JsonElement blocks, SortedSet<string> dropped)
    {
        var sb = new StringBuilder();
        foreach (var block in blocks.EnumerateArray())
        {
            if (block.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (block.TryGetProperty("cache_control", out _))
            {
                dropped.Add("cache_control");
            }

            if (block.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                if (sb.Length > 0)
                {
                    sb.Append("\n\n");
                }

                sb.Append(text.GetString());
            }
        }

        return sb.ToString();
    }
}
