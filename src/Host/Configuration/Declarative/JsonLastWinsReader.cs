using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// Parses JSON config with duplicate keys resolved "last wins", the same rule as the YAML path (and Go's
/// encoding/json in decK); JsonNode.Parse alone would reject such a file.
/// </summary>
internal static class JsonLastWinsReader
{
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = true, MaxDepth = 128 };

    /// <summary>Throws <see cref="JsonException"/> with line and position on a syntax error.</summary>
    public static JsonNode? Read(string text)
    {
        using var document = JsonDocument.Parse(text, Options);
        return Convert(document.RootElement);
    }

    private static JsonNode? Convert(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                    obj[property.Name] = Convert(property.Value);
                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                    array.Add(Convert(item));
                return array;
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }
}
