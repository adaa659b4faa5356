using System.Text.Json;

namespace Gateway.Host.Logging;

/// <summary>Kong's <c>request.querystring</c>: a flag argument without <c>=</c> is <c>true</c>, a repeated argument
/// becomes an array. Secret arguments (<see cref="QueryRedaction"/>) show <c>REDACTED</c>.</summary>
internal static class QueryStringWriter
{
    // Beyond this many arguments the quadratic grouping of the plain path gives way to the general one.
    private const int MaxPlainArguments = 32;

    private static readonly JsonEncodedText QuerystringName = JsonEncodedText.Encode("querystring");
    private static readonly JsonEncodedText RedactedValue = JsonEncodedText.Encode(LogEntryWriter.Redacted);

    public static void Write(Utf8JsonWriter writer, string? query, IReadOnlyList<string> secrets)
    {
        writer.WriteStartObject(QuerystringName);
        if (!string.IsNullOrEmpty(query) && query.Length > 1)
        {
            var args = query.AsSpan(1);
            // Claude Code sends ?beta=true on every call: without '%' or '+' nothing needs decoding, and the
            // arguments are written from the query itself (the general path cost ~700 B a request in lists, groups
            // and decoded strings).
            if (args.IndexOfAny('%', '+') < 0 && args.Count('&') < MaxPlainArguments)
            {
                WritePlain(writer, args, secrets, JsonAscii.CanWriteRaw(writer));
            }
            else
            {
                WriteDecoded(writer, query, secrets);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>Arguments that need no decoding, grouped by key in the order keys first appear, without
    /// allocating.</summary>
    private static void WritePlain(Utf8JsonWriter writer, ReadOnlySpan<char> args, IReadOnlyList<string> secrets, bool raw)
    {
        var position = 0;
        while (position <= args.Length)
        {
            var start = position;
            var pair = NextPart(args, ref position);
            if (pair.IsEmpty)
            {
                continue;
            }

            var key = KeyOf(pair);
            if (Occurs(args[..start], key))
            {
                continue;
            }

            var secret = QueryRedaction.IsSecret(key, secrets);
            var later = position <= args.Length ? args[position..] : [];
            writer.WritePropertyName(key);
            if (!Occurs(later, key))
            {
                WriteValue(writer, pair, secret, raw);
                continue;
            }

            writer.WriteStartArray();
            WriteValue(writer, pair, secret, raw);
            var next = 0;
            while (next <= later.Length)
            {
                var other = NextPart(later, ref next);
                if (!other.IsEmpty && KeyOf(other).SequenceEqual(key))
                {
                    WriteValue(writer, other, secret, raw);
                }
            }

            writer.WriteEndArray();
        }
    }

    private static ReadOnlySpan<char> NextPart(ReadOnlySpan<char> args, ref int position)
    {
        var rest = args[position..];
        var end = rest.IndexOf('&');
        if (end < 0)
        {
            position = args.Length + 1;
            return rest;
        }

        position += end + 1;
        return rest[..end];
    }

    private static ReadOnlySpan<char> KeyOf(ReadOnlySpan<char> pair)
    {
        var eq = pair.IndexOf('=');
        return eq < 0 ? pair : pair[..eq];
    }

    private static bool Occurs(ReadOnlySpan<char> args, ReadOnlySpan<char> key)
    {
        var position = 0;
        while (position <= args.Length)
        {
            var pair = NextPart(args, ref position);
            if (!pair.IsEmpty && KeyOf(pair).SequenceEqual(key))
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteValue(Utf8JsonWriter writer, ReadOnlySpan<char> pair, bool secret, bool raw)
    {
        var eq = pair.IndexOf('=');
        if (secret)
        {
            writer.WriteStringValue(RedactedValue);
        }
        else if (eq < 0)
        {
            writer.WriteBooleanValue(true);
        }
        else
        {
            JsonAscii.WriteStringValue(writer, pair[(eq + 1)..], raw);
        }
    }

    /// <summary>The general path: keys and values percent-decoded (and '+' as a space), then grouped.</summary>
    internal static void WriteDecoded(Utf8JsonWriter writer, string query, IReadOnlyList<string> secrets)
    {
        var args = new List<(string Key, object Value)>();
        foreach (var part in query.AsSpan(1).Split('&'))
        {
            var pair = query.AsSpan(1)[part];
            if (pair.IsEmpty)
            {
                continue;
            }

            var eq = pair.IndexOf('=');
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            args.Add((key, QueryRedaction.IsSecret(key, secrets) ? LogEntryWriter.Redacted : eq < 0 ? true : Decode(pair[(eq + 1)..])));
        }

        foreach (var group in args.GroupBy(a => a.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(group.Key);
            var values = group.ToList();
            if (values.Count == 1)
            {
                WriteValue(writer, values[0].Value);
                continue;
            }

            writer.WriteStartArray();
            foreach (var (_, value) in values)
            {
                WriteValue(writer, value);
            }

            writer.WriteEndArray();
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, object value)
    {
        if (value is bool flag)
        {
            writer.WriteBooleanValue(flag);
        }
        else
        {
            writer.WriteStringValue((string)value);
        }
    }

    public static string Decode(ReadOnlySpan<char> value) => Uri.UnescapeDataString(value.ToString().Replace('+', ' '));
}
