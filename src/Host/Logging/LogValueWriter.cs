using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Host.Logging;

/// <summary>Writes a value a plugin set with <c>SetSerializeValue</c>: primitives directly, maps and lists
/// structurally, anything else with System.Text.Json (snake_case property names, like Kong's fields).</summary>
internal static class LogValueWriter
{
    private static readonly JsonSerializerOptions ObjectOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = LogEntryWriter.Encoder,
    };

    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                WriteDouble(writer, number);
                break;
            case float number:
                WriteDouble(writer, number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case JsonNode node:
                node.WriteTo(writer);
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case Dictionary<string, object?> dictionary:
                // The host's own nested fields (LogFieldTree): enumerated without boxing an enumerator.
                writer.WriteStartObject();
                foreach (var (key, item) in dictionary)
                {
                    writer.WritePropertyName(key);
                    Write(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    Write(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable list and not IDictionary:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                JsonSerializer.Serialize(writer, value, value.GetType(), ObjectOptions);
                break;
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, double number)
    {
        // JSON has no NaN or Infinity; a broken statistic must not break the whole line.
        if (double.IsFinite(number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
