using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Gateway.Plugins.AiProxy.OpenAi.Response;

/// <summary>
/// Anthropic's <c>/v1/models</c> answers in OpenAI's shapes: the page <c>{"data":[..],"has_more":..}</c> becomes
/// <c>{"object":"list","data":[{"id","object":"model","created","owned_by"}]}</c>, one model becomes one OpenAI
/// model object. <c>created</c> is Anthropic's <c>created_at</c> in Unix seconds.
/// </summary>
internal static class ModelListWriter
{
    /// <returns>The OpenAI body, or null when the body is not Anthropic's.</returns>
    public static byte[]? Translate(ReadOnlyMemory<byte> anthropic)
    {
        try
        {
            using var document = JsonDocument.Parse(anthropic);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var buffer = new ArrayBufferWriter<byte>(anthropic.Length + 64);
            using (var writer = new Utf8JsonWriter(buffer, OpenAiJson.WriterOptions))
            {
                if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
                {
                    writer.WriteStartObject();
                    writer.WriteString("object"u8, "list"u8);
                    writer.WriteStartArray("data"u8);
                    foreach (var model in data.EnumerateArray())
                    {
                        WriteModel(writer, model);
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }
                else if (root.TryGetProperty("id", out _))
                {
                    WriteModel(writer, root);
                }
                else
                {
                    return null;
                }
            }

            return buffer.WrittenSpan.ToArray();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteModel(Utf8JsonWriter writer, JsonElement model)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, model.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : string.Empty);
        writer.WriteString("object"u8, "model"u8);
        var created = model.TryGetProperty("created_at", out var at) && at.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUnixTimeSeconds() : 0;
        writer.WriteNumber("created"u8, created);
        writer.WriteString("owned_by"u8, "anthropic"u8);
        writer.WriteEndObject();
    }
}
