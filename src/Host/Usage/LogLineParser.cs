using System.Buffers;
using System.Text.Json;

namespace Gateway.Host.Usage;

/// <summary>
/// Reads one file-log line (Kong's log serializer shape) with <see cref="Utf8JsonReader"/>: the few fields the report
/// needs are read, every other value is skipped without being materialized, so a line with large payloads or
/// headers costs a scan, not a document.
/// </summary>
internal static class LogLineParser
{
    /// <summary>Parses <paramref name="bytes"/>; false when it is not one complete JSON object.</summary>
    public static bool TryParse(ReadOnlySequence<byte> bytes, out LogLine line)
    {
        line = default;
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            ReadRoot(ref reader, ref line);

            // A second value after the object (two lines fused by a lost line break) is not one line.
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // A value of an unexpected type (a string where a number belongs): the line is not a file-log line.
            return false;
        }
    }

    private static void ReadRoot(ref Utf8JsonReader reader, ref LogLine line)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("started_at"u8))
            {
                reader.Read();
                line.StartedAtMs = reader.TokenType == JsonTokenType.Number ? ReadInteger(ref reader) : null;
            }
            else if (reader.ValueTextEquals("request"u8))
            {
                ReadObject(ref reader, ref line, ReadRequest);
            }
            else if (reader.ValueTextEquals("response"u8))
            {
                ReadObject(ref reader, ref line, ReadResponse);
            }
            else if (reader.ValueTextEquals("route"u8))
            {
                ReadObject(ref reader, ref line, ReadRoute);
            }
            else if (reader.ValueTextEquals("ai"u8))
            {
                ReadObject(ref reader, ref line, ReadAi);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadRequest(ref Utf8JsonReader reader, ref LogLine line)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("headers"u8))
            {
                ReadObject(ref reader, ref line, ReadHeaders);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadHeaders(ref Utf8JsonReader reader, ref LogLine line)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("x-claude-code-session-id"u8))
            {
                line.SessionId = ReadStringOrFirstOfArray(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadResponse(ref Utf8JsonReader reader, ref LogLine line)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                line.Status = reader.TokenType == JsonTokenType.Number ? (int)ReadInteger(ref reader) : 0;
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadRoute(ref Utf8JsonReader reader, ref LogLine line)
    {
        string? id = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                line.Route = reader.TokenType == JsonTokenType.String ? reader.GetString() : line.Route;
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        // Kong routes need not be named; the id still tells them apart.
        line.Route ??= id;
    }

    private static void ReadAi(ref Utf8JsonReader reader, ref LogLine line)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("proxy"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                line.HasAiProxy = true;
                ReadAiProxy(ref reader, ref line);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadAiProxy(ref Utf8JsonReader reader, ref LogLine line)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("meta"u8))
            {
                ReadObject(ref reader, ref line, ReadMeta);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                ReadObject(ref reader, ref line, ReadUsage);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadMeta(ref Utf8JsonReader reader, ref LogLine line)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("request_model"u8))
            {
                line.RequestModel = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("response_model"u8))
            {
                line.ResponseModel = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("response_error"u8))
            {
                reader.Read();
                line.AiError = reader.TokenType is not JsonTokenType.Null;
                reader.Skip();
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadUsage(ref Utf8JsonReader reader, ref LogLine line)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                line.PromptTokens = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                line.CompletionTokens = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("cost"u8))
            {
                reader.Read();
                line.Cost = reader.TokenType == JsonTokenType.Number ? ReadDecimal(ref reader) : 0m;
            }
            else if (reader.ValueTextEquals("time_to_first_token"u8))
            {
                line.TimeToFirstTokenMs = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("prompt_tokens_details"u8))
            {
                ReadObject(ref reader, ref line, ReadPromptDetails);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadPromptDetails(ref Utf8JsonReader reader, ref LogLine line)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("cached_tokens"u8))
            {
                line.CacheReadTokens = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("cache_creation_tokens"u8))
            {
                line.CacheWriteTokens = ReadCount(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private delegate void ObjectReader(ref Utf8JsonReader reader, ref LogLine line);

    /// <summary>Reads the value after a property name: an object goes to <paramref name="body"/>, anything else is skipped.</summary>
    private static void ReadObject(ref Utf8JsonReader reader, ref LogLine line, ObjectReader body)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            body(ref reader, ref line);
        }
        else
        {
            reader.Skip();
        }
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("the line ended inside an object");
        }

        return reader.TokenType == JsonTokenType.PropertyName;
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    /// <summary>A header logged more than once is an array of its values; the first one names the session.</summary>
    private static string? ReadStringOrFirstOfArray(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        string? first = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (first is null && reader.TokenType == JsonTokenType.String)
            {
                first = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return first;
    }

    /// <summary>A token count or a ms figure; a negative or non-numeric value counts as 0.</summary>
    private static long ReadCount(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.Number)
        {
            reader.Skip();
            return 0;
        }

        return Math.Max(0, ReadInteger(ref reader));
    }

    /// <summary>Integers as written; a fractional value (a float from another writer) is rounded to the nearest.</summary>
    private static long ReadInteger(ref Utf8JsonReader reader) =>
        reader.TryGetInt64(out var value) ? value : (long)Math.Round(Math.Clamp(reader.GetDouble(), long.MinValue, long.MaxValue));

    /// <summary>Costs are summed as decimals, so the total is the exact sum of the logged figures in any order.</summary>
    private static decimal ReadDecimal(ref Utf8JsonReader reader)
    {
        if (reader.TryGetDecimal(out var value))
        {
            return value;
        }

        var number = reader.GetDouble();
        return double.IsFinite(number) && Math.Abs(number) < 7.9e28 ? (decimal)number : 0m;
    }
}
