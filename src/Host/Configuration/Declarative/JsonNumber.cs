using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// Reads a numeric JSON value whatever CLR type backs it: YAML numbers are created from long or double,
/// JSON ones wrap a JsonElement, and JsonValue.GetValue does not convert between them.
/// </summary>
internal static class JsonNumber
{
    public static double ToDouble(JsonValue value)
    {
        if (value.TryGetValue<double>(out var d))
            return d;
        if (value.TryGetValue<long>(out var l))
            return l;
        if (value.TryGetValue<JsonElement>(out var e))
            return e.GetDouble();
        return (double)value.GetValue<decimal>();
    }
}
