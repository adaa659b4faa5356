using System.Text;
using System.Text.Json;

namespace Gateway.MockAnthropic.Parsing;

/// <summary>What the mock reads from the last user message: its texts (where markers live) and its tool result.</summary>
internal sealed class LastUserMessage
{
    public static readonly LastUserMessage Empty = new([], false, null);

    private LastUserMessage(List<string> texts, bool hasToolResult, string? toolResultText)
    {
        Texts = texts;
        HasToolResult = hasToolResult;
        ToolResultText = toolResultText;
    }

    public IReadOnlyList<string> Texts { get; }

    public bool HasToolResult { get; }

    public string? ToolResultText { get; }

    /// <summary>Parses one message object; content may be a string or an array of blocks.</summary>
    public static LastUserMessage Read(ReadOnlyMemory<byte> messageJson)
    {
        var texts = new List<string>(4);
        var hasToolResult = false;
        string? toolResultText = null;
        using var message = JsonDocument.Parse(messageJson);
        if (!message.RootElement.TryGetProperty("content", out var content))
        {
            return Empty;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            texts.Add(content.GetString()!);
        }
        else if (content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                var type = block.ValueKind == JsonValueKind.Object && block.TryGetProperty("type", out var t)
                    ? t.GetString()
                    : null;
                if (type == "text" && TryGetString(block, "text", out var text))
                {
                    texts.Add(text);
                }
                else if (type == "tool_result")
                {
                    hasToolResult = true;
                    toolResultText ??= JoinToolResultText(block);
                }
            }
        }

        return new LastUserMessage(texts, hasToolResult, toolResultText);
    }

    // A tool result's content is a string or an array of blocks; only their text matters here.
    private static string JoinToolResultText(JsonElement block)
    {
        if (!block.TryGetProperty("content", out var content))
        {
            return "";
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var sb = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (TryGetString(part, "text", out var text))
            {
                sb.Append(text);
            }
        }

        return sb.ToString();
    }

    private static bool TryGetString(JsonElement element, string name, out string value)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var property)
            && property.ValueKind == JsonValueKind.String)
        {
            value = property.GetString()!;
            return true;
        }

        value = "";
        return false;
    }
}
