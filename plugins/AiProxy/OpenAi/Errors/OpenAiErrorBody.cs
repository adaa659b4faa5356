using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Gateway.Plugins.AiProxy.OpenAi.Errors;

/// <summary>
/// OpenAI's error shape, <c>{"error":{"message":..,"type":..,"param":..,"code":..}}</c>: what the OpenAI SDKs turn
/// into their typed exceptions. Every error on an <c>llm_format: openai</c> route is written in it.
/// </summary>
internal static class OpenAiErrorBody
{
    public static string Create(string type, string message, string? param = null, string? code = null)
    {
        var buffer = new ArrayBufferWriter<byte>(96 + message.Length);
        using (var writer = new Utf8JsonWriter(buffer, OpenAiJson.WriterOptions))
        {
            Write(writer, type, message, param, code);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the whole error object (used by the stream translator for its error chunk too).</summary>
    public static void Write(Utf8JsonWriter writer, string type, string message, string? param = null, string? code = null)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error"u8);
        writer.WriteString("message"u8, message);
        writer.WriteString("type"u8, type);
        WriteNullable(writer, "param"u8, param);
        WriteNullable(writer, "code"u8, code);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
