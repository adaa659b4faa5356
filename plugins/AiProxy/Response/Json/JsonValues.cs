using System.Text.Json;

namespace Gateway.Plugins.AiProxy.Response.Json;

/// <summary>Small Utf8JsonReader helpers shared by the stream and body readers.</summary>
internal static class JsonValues
{
    /// <summary>The string value the reader is on, or null (and the value skipped) when it is not a string.</summary>
    public static string? StringOrSkip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    /// <summary>Reads an Anthropic <c>error</c> object (<c>{"type":..,"message":..}</c>) into
    /// <paramref name="facts"/>; the reader is on its StartObject.</summary>
    public static void ReadError(ref Utf8JsonReader reader, ResponseFacts facts)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            var isMessage = !isType && reader.ValueTextEquals("message"u8);
            reader.Read();
            if (isType)
            {
                facts.ErrorType = StringOrSkip(ref reader);
            }
            else if (isMessage)
            {
                facts.ErrorMessage = StringOrSkip(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }
    }
}
