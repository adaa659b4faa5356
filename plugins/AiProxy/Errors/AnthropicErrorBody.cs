using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Gateway.Plugins.AiProxy.Errors;

/// <summary>
/// The Anthropic error shape, <c>{"type":"error","error":{"type":..,"message":..}}</c>: what Claude Code and the
/// SDKs display, and it still carries Kong's <c>error.message</c> for anything that reads Kong's shape.
/// </summary>
internal static class AnthropicErrorBody
{
    public static string Create(string type, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + message.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "error"u8);
            writer.WriteStartObject("error"u8);
            writer.WriteString("type"u8, type);
            writer.WriteString("message"u8, message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The Anthropic error type a status would carry, for errors the gateway itself produces.</summary>
    public static string TypeForStatus(int status) => status switch
    {
        400 => "invalid_request_error",
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        529 => "overloaded_error",
        _ => "api_error",
    };
}
