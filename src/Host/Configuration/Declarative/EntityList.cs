using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// Reads an array of entities, giving each a location such as <c>kong.yaml: services[0] (example-service)</c>
/// so every error points at the entry the operator has to fix.
/// </summary>
internal static class EntityList
{
    public static List<T> Read<T>(
        JsonNode? node, string prefix, string field, ICollection<string> errors, Func<JsonObject, string, T> read)
    {
        var result = new List<T>();
        if (node is null)
            return result;
        if (node is not JsonArray array)
        {
            errors.Add($"{prefix}'{field}' must be an array, got {EntityFields.KindOf(node)}");
            return result;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var location = $"{prefix}{field}[{i}]";
            if (array[i] is not JsonObject obj)
            {
                errors.Add($"{location} must be an object, got {EntityFields.KindOf(array[i])}");
                continue;
            }

            // Consumers have no name: their username identifies them the same way.
            if ((obj["name"] ?? obj["username"]) is JsonValue name && name.GetValueKind() == JsonValueKind.String)
                location += $" ({name.GetValue<string>()})";
            result.Add(read(obj, location));
        }

        return result;
    }

    /// <summary>A nested list such as <c>services[0].routes</c>.</summary>
    public static List<T> ReadNested<T>(EntityFields parent, string field, Func<JsonObject, string, T> read) =>
        Read(parent.Raw(field), parent.Location + ".", field, parent.Errors, read);
}
