namespace Gateway.Host.Logging;

/// <summary>
/// Hides the values of secret query arguments (<see cref="Gateway.Plugins.PluginContext.RedactQueryArgument"/>) in
/// a request target such as <c>/v1/messages?apikey=...</c>: each such argument's value becomes <c>REDACTED</c>,
/// everything else stays byte for byte as sent.
/// </summary>
internal static class QueryRedaction
{
    public static string Apply(string target, IReadOnlyList<string> names)
    {
        var query = target.IndexOf('?', StringComparison.Ordinal);
        if (names.Count == 0 || query < 0)
        {
            return target;
        }

        var builder = new System.Text.StringBuilder(target.Length);
        builder.Append(target, 0, query + 1);
        var first = true;
        foreach (var range in target.AsSpan(query + 1).Split('&'))
        {
            var pair = target.AsSpan(query + 1)[range];
            if (!first)
            {
                builder.Append('&');
            }

            first = false;
            var eq = pair.IndexOf('=');
            var key = eq < 0 ? pair : pair[..eq];
            if (IsSecret(QueryStringWriter.Decode(key), names))
            {
                builder.Append(key).Append('=').Append(LogEntryWriter.Redacted);
            }
            else
            {
                builder.Append(pair);
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether the (decoded) argument name is one of <paramref name="names"/>, compared ordinally.</summary>
    public static bool IsSecret(ReadOnlySpan<char> name, IReadOnlyList<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (name.SequenceEqual(names[i]))
            {
                return true;
            }
        }

        return false;
    }
}
