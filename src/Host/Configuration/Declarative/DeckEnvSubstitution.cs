using System.Text;
using System.Text.RegularExpressions;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// decK's <c>${{ env "DECK_NAME" }}</c> templating, applied to the raw text before parsing as decK does.
/// Errors name the variable and where it is used, never its value: these variables carry API keys.
/// </summary>
internal static partial class DeckEnvSubstitution
{
    private const string RequiredPrefix = "DECK_";

    public static string Apply(
        string sourceName, string text, Func<string, string?> getEnvironmentVariable, ICollection<string> errors)
    {
        if (!text.Contains("${{", StringComparison.Ordinal))
            return text;

        var result = new StringBuilder(text.Length);
        var last = 0;
        foreach (Match match in Placeholder().Matches(text))
        {
            result.Append(text, last, match.Index - last);
            last = match.Index + match.Length;

            var name = match.Groups["name"].Value;
            var where = $"{sourceName}:{LineOf(text, match.Index)}";
            if (!name.StartsWith(RequiredPrefix, StringComparison.Ordinal))
            {
                errors.Add($"{where}: environment variable '{name}' cannot be used: decK only substitutes " +
                           $"variables whose names start with {RequiredPrefix}");
                continue;
            }

            var value = getEnvironmentVariable(name);
            if (value is null)
            {
                errors.Add($"{where}: environment variable '{name}' is not set");
                continue;
            }

            result.Append(value);
        }

        result.Append(text, last, text.Length - last);
        return result.ToString();
    }

    private static int LineOf(string text, int index)
    {
        var line = 1;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
                line++;
        }

        return line;
    }

    [GeneratedRegex("""\$\{\{\s*env\s+"(?<name>[^"]*)"\s*\}\}""", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
