using System.Text;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// decK's templating (<c>${{ env "DECK_NAME" }}</c>, with <c>toInt</c>, <c>toBool</c>, <c>toFloat</c> and
/// <c>indent</c>), applied to the raw text before parsing as decK does. Like decK, lines that are YAML comments are
/// left alone. A template this reader does not understand is an error with file:line: left in place, it would
/// become the literal config value. Errors name the variable and where it is used, never its value: these
/// variables carry API keys.
/// </summary>
internal static class DeckEnvSubstitution
{
    private const string Open = "${{";
    private const string Close = "}}";

    public static string Apply(
        string sourceName, string text, Func<string, string?> getEnvironmentVariable, ICollection<string> errors)
    {
        if (!text.Contains(Open, StringComparison.Ordinal))
            return text;

        var result = new StringBuilder(text.Length);
        var lineNumber = 0;
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lineNumber++;
            var line = text.AsSpan(start, end - start);
            if (line.TrimStart().StartsWith('#'))
                result.Append(line);
            else
                SubstituteLine(line, $"{sourceName}:{lineNumber}", getEnvironmentVariable, errors, result);
            start = end;
        }

        return result.ToString();
    }

    private static void SubstituteLine(
        ReadOnlySpan<char> line, string where, Func<string, string?> getEnvironmentVariable,
        ICollection<string> errors, StringBuilder result)
    {
        while (true)
        {
            var open = line.IndexOf(Open, StringComparison.Ordinal);
            if (open < 0)
            {
                result.Append(line);
                return;
            }

            result.Append(line[..open]);
            var rest = line[(open + Open.Length)..];
            var close = rest.IndexOf(Close, StringComparison.Ordinal);
            if (close < 0)
            {
                errors.Add($"{where}: template '{line[open..].TrimEnd()}' has no closing }}}}");
                return;
            }

            var action = rest[..close].ToString();
            var value = DeckTemplate.Evaluate(action, getEnvironmentVariable, out var error);
            if (error is not null)
                errors.Add($"{where}: {error}");
            else
                result.Append(value);
            line = rest[(close + Close.Length)..];
        }
    }
}
