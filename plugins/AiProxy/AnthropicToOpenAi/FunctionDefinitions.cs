using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gateway.Plugins.AiProxy.AnthropicToOpenAi;

/// <summary>
/// Chat Completions <c>tools</c> as the TypeScript namespace OpenAI's models read them in (<c>namespace functions {
/// // description \n type Name = (_: { param?: type, }) => any; }</c>), the rendering OpenAI's token counts are known
/// to follow; only for counting tokens. Descriptions of nested properties are left out, as OpenAI does.
/// </summary>
internal static class FunctionDefinitions
{
    private static readonly JsonSerializerOptions JsStrings = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(JsonElement tools)
    {
        var text = new StringBuilder("namespace functions {\n\n");
        foreach (var tool in tools.EnumerateArray())
        {
            if (tool.ValueKind != JsonValueKind.Object || !tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var name = String(function, "name");
            if (String(function, "description") is { Length: > 0 } description)
            {
                text.Append("// ").Append(description).Append('\n');
            }

            if (function.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object
                && parameters.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                && properties.EnumerateObject().Any())
            {
                text.Append("type ").Append(name).Append(" = (_: {\n");
                var inner = Properties(parameters, 0);
                if (inner.Length > 0)
                {
                    text.Append(inner).Append('\n');
                }

                text.Append("}) => any;\n\n");
            }
            else
            {
                text.Append("type ").Append(name).Append(" = () => any;\n\n");
            }
        }

        return text.Append("} // namespace functions").ToString();
    }

    private static string Properties(JsonElement schema, int indent)
    {
        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return "";
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("required", out var names) && names.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in names.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    required.Add(item.GetString()!);
                }
            }
        }

        var padding = new string(' ', indent);
        var lines = new List<string>();
        foreach (var property in properties.EnumerateObject())
        {
            if (indent < 2 && String(property.Value, "description") is { Length: > 0 } description)
            {
                lines.Add($"{padding}// {description}");
            }

            lines.Add($"{padding}{property.Name}{(required.Contains(property.Name) ? "" : "?")}: {Type(property.Value, indent)},");
        }

        return string.Join('\n', lines);
    }

    private static string Type(JsonElement schema, int indent) => String(schema, "type") switch
    {
        "string" => Enum(schema, value => value.ValueKind == JsonValueKind.String
            ? JsonSerializer.Serialize(value.GetString(), JsStrings)
            : value.GetRawText()) ?? "string",
        "integer" or "number" => Enum(schema, value => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()) ?? "number",
        "boolean" => "boolean",
        "null" => "null",
        "array" => schema.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object ? Type(items, indent) + "[]" : "any[]",
        "object" => $"{{\n{Properties(schema, indent + 2)}\n{new string(' ', indent)}}}",
        _ => "any",
    };

    private static string? Enum(JsonElement schema, Func<JsonElement, string> format) =>
        schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array
            ? string.Join(" | ", values.EnumerateArray().Select(format))
            : null;

    private static string String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : "";
}
