using System.Text.Json;

namespace Gateway.MockAnthropic.Parsing;

/// <summary>
/// Reads a Messages API body in one forward pass and fully parses only the last user message, because Claude
/// Code's bodies are 90 KB and more while the mock needs a handful of fields.
/// </summary>
internal static class MessagesRequestParser
{
    /// <returns>The request, or null with <paramref name="error"/> worded like the real API's validation.</returns>
    public static MessagesRequest? Parse(ReadOnlyMemory<byte> body, out string error)
    {
        error = "";
        string? model = null;
        var stream = false;
        var thinking = false;
        var sawMessages = false;
        (int Start, int Length) lastUser = default;
        try
        {
            var reader = new Utf8JsonReader(body.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "Request body must be a JSON object.";
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("model"u8))
                {
                    reader.Read();
                    model = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("stream"u8))
                {
                    reader.Read();
                    stream = reader.TokenType == JsonTokenType.True;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("thinking"u8))
                {
                    reader.Read();
                    thinking = ReadThinkingEnabled(ref reader);
                }
                else if (reader.ValueTextEquals("messages"u8))
                {
                    reader.Read();
                    sawMessages = reader.TokenType == JsonTokenType.StartArray;
                    lastUser = FindLastUserMessage(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            // Reject trailing garbage after the object, as a strict JSON parser would.
            if (reader.Read())
            {
                error = "Request body must be a single JSON object.";
                return null;
            }

            if (string.IsNullOrEmpty(model))
            {
                error = "model: Field required";
                return null;
            }

            if (!sawMessages)
            {
                error = "messages: Field required";
                return null;
            }

            return Build(body, model, stream, thinking, lastUser);
        }
        catch (JsonException e)
        {
            error = "Request body is not valid JSON: " + e.Message;
            return null;
        }
    }

    private static bool ReadThinkingEnabled(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }

        var enabled = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType && reader.TokenType == JsonTokenType.String)
            {
                enabled = reader.ValueTextEquals("enabled"u8);
            }

            reader.Skip();
        }

        return enabled;
    }

    // Leaves the reader on the array's end; returns the byte range of the last element whose role is "user".
    private static (int Start, int Length) FindLastUserMessage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return default;
        }

        (int, int) last = default;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            var start = (int)reader.TokenStartIndex;
            var isUser = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isRole = reader.ValueTextEquals("role"u8);
                reader.Read();
                if (isRole)
                {
                    isUser = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("user"u8);
                }

                reader.Skip();
            }

            if (isUser)
            {
                last = (start, (int)reader.BytesConsumed - start);
            }
        }

        return last;
    }

    private static MessagesRequest Build(
        ReadOnlyMemory<byte> body, string model, bool stream, bool thinking, (int Start, int Length) lastUser)
    {
        var message = lastUser.Length > 0
            ? LastUserMessage.Read(body.Slice(lastUser.Start, lastUser.Length))
            : LastUserMessage.Empty;
        return new MessagesRequest
        {
            Model = model,
            Stream = stream,
            ThinkingEnabled = thinking,
            HasCacheControl = CacheControlScanner.ContainsKey(body.Span),
            LastUserTexts = message.Texts,
            LastUserHasToolResult = message.HasToolResult,
            ToolResultText = message.ToolResultText,
        };
    }
}
