using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gateway.Plugins.KeyAuth.Response;

/// <summary>
/// key-auth's refusals with Kong's messages. On a route where ai-proxy runs, the body has Anthropic's error shape,
/// which Claude Code and the Anthropic SDKs display (<c>{"type":"error","error":{"type":"authentication_error",...}}</c>);
/// elsewhere Kong's <c>{"message":...}</c>.
/// </summary>
internal static class KeyAuthError
{
    public const string NoKey = "No API key found in request";
    public const string Duplicate = "Duplicate API key found";
    public const string Unauthorized = "Unauthorized";

    public static string Body(PluginContext context, int status, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(96 + message.Length);
        // JSON for API clients, never embedded in HTML: keep "doesn't" readable instead of \u0027.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (context.RunsPlugin("ai-proxy"))
            {
                writer.WriteString("type"u8, "error"u8);
                writer.WriteStartObject("error"u8);
                writer.WriteString("type"u8, status == 401 ? "authentication_error"u8 : "api_error"u8);
                writer.WriteString("message"u8, message);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteString("message"u8, message);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Kong's challenge, sent with every 401: <c>Key</c> or <c>Key realm="..."</c>.</summary>
    public static string Challenge(string? realm) => realm is null ? "Key" : $"Key realm=\"{realm}\"";
}
