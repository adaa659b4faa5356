using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>Turns one file's text into a JSON tree: JSON when it starts with <c>{</c>, YAML otherwise.</summary>
internal static partial class DocumentParser
{
    /// <summary>
    /// Returns the root object, or null after adding an error (file, line, column) to the list. Repeated YAML keys
    /// are accepted (last wins) and each is added to <paramref name="warnings"/> with its line.
    /// </summary>
    public static JsonObject? Parse(string sourceName, string text, ICollection<string> errors, ICollection<string> warnings)
    {
        JsonNode? root;
        try
        {
            if (text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('{'))
            {
                root = JsonLastWinsReader.Read(text);
            }
            else
            {
                root = YamlJsonReader.Read(text, out var duplicates);
                foreach (var duplicate in duplicates)
                    warnings.Add($"{sourceName}:{duplicate.Line}: duplicate key '{duplicate.Key}': the last value is used");
            }
        }
        catch (YamlExpansionLimitException e)
        {
            errors.Add($"{sourceName}:{e.Start.Line}: {YamlMessage(e)}");
            return null;
        }
        catch (YamlException e)
        {
            errors.Add($"{sourceName}:{e.Start.Line}:{e.Start.Column}: YAML syntax error: {YamlMessage(e)}");
            return null;
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            errors.Add($"{sourceName}:{line}:{column}: JSON syntax error: {JsonMessage(e)}");
            return null;
        }

        if (root is JsonObject obj)
            return obj;
        errors.Add(root is null
            ? $"{sourceName}: the file is empty"
            : $"{sourceName}: the top level must be a mapping, got {EntityFields.KindOf(root)}");
        return null;
    }

    // YamlDotNet prefixes its messages with the marks, which are already reported as file:line:column.
    private static string YamlMessage(YamlException e)
    {
        var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
        return MarkPrefix().Replace(message, "");
    }

    private static string JsonMessage(JsonException e)
    {
        var cut = e.Message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
            cut = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut < 0 ? e.Message : e.Message[..cut];
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant)]
    private static partial Regex MarkPrefix();
}
