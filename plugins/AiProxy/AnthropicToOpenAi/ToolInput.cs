using System.Text.Json;

namespace Gateway.Plugins.AiProxy.AnthropicToOpenAi;

/// <summary>A tool call's <c>arguments</c> string as Anthropic's <c>input</c> object. Small models sometimes send
/// arguments that are not a JSON object; they are kept as <c>{"arguments": "&lt;text&gt;"}</c> rather than lost.</summary>
internal static class ToolInput
{
    public static void Write(Utf8JsonWriter w, string? arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            w.WriteStartObject();
            w.WriteEndObject();
            return;
        }

        try
        {
            using var parsed = JsonDocument.Parse(arguments);
            if (parsed.RootElement.ValueKind == JsonValueKind.Object)
            {
                parsed.RootElement.WriteTo(w);
                return;
            }
        }
        catch (JsonException)
        {
            // falls through to the wrapped text
        }

        w.WriteStartObject();
        w.WriteString("arguments"u8, arguments);
        w.WriteEndObject();
    }
}
