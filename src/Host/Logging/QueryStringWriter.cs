using System.Text.Json;

namespace Gateway.Host.Logging;

/// <summary>Kong's <c>request.querystring</c>: a flag argument without <c>=</c> is <c>true</c>, a repeated argument
/// becomes an array. Secret arguments (<see cref="QueryRedaction"/>) show <c>REDACTED</c>.</summary>
internal static class QueryStringWriter
{
    public static void Write(Utf8JsonWriter writer, string? query, IReadOnlyList<string> secrets)
    {
        writer.WriteStartObject("querystring");
        if (!string.IsNullOrEmpty(query) && query.Length > 1)
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

        writer.WriteEndObject();
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
