using System.Text.Json;

namespace Gateway.Plugins.AiProxy.OpenAi.Request;

/// <summary>An <c>image_url</c> part as an Anthropic image block: a <c>data:</c> URL becomes a base64 source (Kong
/// forwards the OpenAI part untouched, which Anthropic rejects), an http(s) URL a url source.</summary>
internal static class ImageBlock
{
    private const string Base64Marker = ";base64,";

    public static void Write(Utf8JsonWriter writer, JsonElement part, string param)
    {
        var url = part.TryGetProperty("image_url", out var image) && image.ValueKind == JsonValueKind.Object
            && image.TryGetProperty("url", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (string.IsNullOrEmpty(url))
        {
            throw new ChatRequestException("image_url.url is required", param + ".image_url.url");
        }

        writer.WriteStartObject();
        writer.WriteString("type"u8, "image"u8);
        writer.WriteStartObject("source"u8);
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var marker = url.IndexOf(Base64Marker, StringComparison.OrdinalIgnoreCase);
            if (marker < 0)
            {
                throw new ChatRequestException("an image data URL must be base64 (data:image/png;base64,...)", param + ".image_url.url");
            }

            writer.WriteString("type"u8, "base64"u8);
            writer.WriteString("media_type"u8, url.AsSpan(5, marker - 5));
            writer.WriteString("data"u8, url.AsSpan(marker + Base64Marker.Length));
        }
        else if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            writer.WriteString("type"u8, "url"u8);
            writer.WriteString("url"u8, url);
        }
        else
        {
            throw new ChatRequestException("image_url.url must be an http(s) URL or a base64 data URL", param + ".image_url.url");
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
