using System.Text.Json;

namespace Gateway.Plugins.AiProxy.AnthropicToOpenAi;

/// <summary>Anthropic structured output (<c>output_config.format</c> of type <c>json_schema</c>) as OpenAI's
/// <c>response_format</c> with a strict JSON schema; other <c>output_config</c> fields (effort) have no equivalent.</summary>
internal static class ResponseFormat
{
    public static void Write(Utf8JsonWriter w, JsonElement outputConfig, SortedSet<string> dropped)
    {
        if (outputConfig.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in outputConfig.EnumerateObject())
        {
            if (property.NameEquals("format"u8) && property.Value.ValueKind == JsonValueKind.Object
                && property.Value.TryGetProperty("type", out var type) && type.ValueEquals("json_schema"u8)
                && property.Value.TryGetProperty("schema", out var schema))
            {
                w.WriteStartObject("response_format"u8);
                w.WriteString("type"u8, "json_schema"u8);
                w.WriteStartObject("json_schema"u8);
                w.WriteString("name"u8, "output"u8);
                w.WritePropertyName("schema"u8);
                schema.WriteTo(w);
                w.WriteBoolean("strict"u8, true);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            else
            {
                dropped.Add("output_config." + property.Name);
            }
        }
    }
}
