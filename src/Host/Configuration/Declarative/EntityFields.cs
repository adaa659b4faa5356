using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// Typed, error-collecting access to one entity's fields. Every problem is added to the shared error list
/// (never thrown) so a file reports all its mistakes at once; values are never echoed because plugin and
/// auth fields can hold secrets.
/// </summary>
internal sealed class EntityFields
{
    private readonly JsonObject _obj;
    private readonly ICollection<string> _errors;

    public EntityFields(JsonObject obj, string location, ICollection<string> errors, IReadOnlySet<string> allowed)
    {
        _obj = obj;
        _errors = errors;
        Location = location;
        foreach (var (name, _) in obj)
        {
            // _comment and _ignore are allowed on every entity (Kong's declarative schema).
            if (!allowed.Contains(name) && name is not ("_comment" or "_ignore"))
                Error($"unknown field '{name}'");
        }
    }

    public string Location { get; }

    /// <summary>The shared error list, for readers of nested objects.</summary>
    public ICollection<string> Errors => _errors;

    public void Error(string message) => _errors.Add($"{Location}: {message}");

    /// <summary>Present and not null; Kong treats an explicit null as "unset".</summary>
    public bool Has(string name) => _obj[name] is not null;

    public JsonNode? Raw(string name) => _obj[name];

    public string? String(string name)
    {
        var node = _obj[name];
        if (node is null)
            return null;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            return v.GetValue<string>();
        TypeError(name, "a string", node);
        return null;
    }

    public int? Int(string name, long min, long max)
    {
        var node = _obj[name];
        if (node is null)
            return null;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            TypeError(name, "an integer", node);
            return null;
        }

        var d = JsonNumber.ToDouble(v);
        if (d != Math.Floor(d))
        {
            Error($"field '{name}' must be an integer");
            return null;
        }

        if (d < min || d > max)
        {
            Error($"field '{name}' must be between {min} and {max}");
            return null;
        }

        return (int)d;
    }

    public bool? Bool(string name)
    {
        var node = _obj[name];
        if (node is null)
            return null;
        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            return v.GetValue<bool>();
        TypeError(name, "a boolean", node);
        return null;
    }

    public JsonObject? Object(string name)
    {
        var node = _obj[name];
        if (node is null or JsonObject)
            return (JsonObject?)node;
        TypeError(name, "an object", node);
        return null;
    }

    public JsonArray? Array(string name)
    {
        var node = _obj[name];
        if (node is null or JsonArray)
            return (JsonArray?)node;
        TypeError(name, "an array", node);
        return null;
    }

    /// <summary>An array of strings; the bad elements are reported and skipped.</summary>
    public List<string>? StringList(string name)
    {
        var array = Array(name);
        if (array is null)
            return null;
        var list = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                list.Add(v.GetValue<string>());
            else
                TypeError($"{name}[{i}]", "a string", array[i]);
        }

        return list;
    }

    public void TypeError(string name, string expected, JsonNode? actual) =>
        Error($"field '{name}' must be {expected}, got {KindOf(actual)}");

    public static string KindOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "a value",
        },
    };
}
