using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Enforcement;

/// <summary>
/// The refusal's body: Kong's <c>{"message": ...}</c> (an exit, so no request id), or Anthropic's
/// <c>rate_limit_error</c> shape on a route where ai-proxy serves Claude Code, which shows that message to the user.
/// </summary>
internal static class DenialBody
{
    public static string Create(string message, bool anthropicShape)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (anthropicShape)
            {
                writer.WriteString("type", "error");
                writer.WriteStartObject("error");
                writer.WriteString("type", "rate_limit_error");
                writer.WriteString("message", message);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteString("message", message);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
