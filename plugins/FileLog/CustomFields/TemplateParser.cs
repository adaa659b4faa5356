using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Gateway.Plugins.FileLog.CustomFields;

/// <summary>
/// Parses <c>custom_fields</c> templates: <c>$(headers.NAME)</c>, <c>$(query.NAME)</c>, <c>$(method)</c>,
/// <c>$(path)</c> and <c>$(client_ip)</c> between literal text; <c>$$(</c> writes a literal <c>$(</c>. Parsing
/// happens once, at config validation and at startup, never per request.
/// </summary>
internal static class TemplateParser
{
    private const string Variables = "headers.<name>, query.<name>, method, path or client_ip";

    // The host always redacts these in request.headers; a template must not copy them back into the entry.
    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "proxy-authorization", "cookie", "x-api-key",
    };

    /// <summary>Parses <paramref name="text"/>; <paramref name="template"/> is null when it has no variable.</summary>
    public static bool TryParse(string text, out FieldTemplate? template, [NotNullWhen(false)] out string? error)
    {
        template = null;
        error = null;
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        var hasVariable = false;
        var i = 0;
        while (i < text.Length)
        {
            if (text.AsSpan(i).StartsWith("$$("))
            {
                literal.Append("$(");
                i += 3;
                continue;
            }

            if (!text.AsSpan(i).StartsWith("$("))
            {
                literal.Append(text[i++]);
                continue;
            }

            var close = text.IndexOf(')', i + 2);
            if (close < 0)
            {
                error = $"unterminated '$(' at position {i}; write '$$(' for a literal '$('";
                return false;
            }

            if (!TryParseVariable(text[(i + 2)..close], out var part, out error))
            {
                return false;
            }

            if (literal.Length > 0)
            {
                parts.Add(new TemplatePart(TemplateSource.Literal, literal.ToString()));
                literal.Clear();
            }

            parts.Add(part);
            hasVariable = true;
            i = close + 1;
        }

        if (!hasVariable)
        {
            return true;
        }

        if (literal.Length > 0)
        {
            parts.Add(new TemplatePart(TemplateSource.Literal, literal.ToString()));
        }

        template = new FieldTemplate([.. parts]);
        return true;
    }

    private static bool TryParseVariable(string name, out TemplatePart part, [NotNullWhen(false)] out string? error)
    {
        error = null;
        part = name switch
        {
            "method" => new TemplatePart(TemplateSource.Method, string.Empty),
            "path" => new TemplatePart(TemplateSource.Path, string.Empty),
            "client_ip" => new TemplatePart(TemplateSource.ClientIp, string.Empty),
            _ when name.StartsWith("headers.", StringComparison.Ordinal) =>
                new TemplatePart(TemplateSource.Header, name["headers.".Length..]),
            _ when name.StartsWith("query.", StringComparison.Ordinal) =>
                new TemplatePart(TemplateSource.Query, name["query.".Length..]),
            _ => default,
        };

        if (part == default || (part.Source is TemplateSource.Header or TemplateSource.Query && part.Text.Length == 0))
        {
            error = $"unknown template variable '$({name})'; use {Variables}";
            return false;
        }

        if (part.Source == TemplateSource.Header && SecretHeaders.Contains(part.Text))
        {
            error = $"the '{part.Text}' header is a secret that the log redacts; it cannot be copied into a custom field";
            return false;
        }

        return true;
    }
}
