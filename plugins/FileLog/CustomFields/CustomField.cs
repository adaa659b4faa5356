using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Gateway.Plugins.FileLog.CustomFields;

/// <summary>One compiled <c>custom_fields</c> entry: a dotted key and either a static value or a template.</summary>
internal sealed class CustomField
{
    // Boxed once here rather than on every request.
    private readonly object _static;
    private readonly FieldTemplate? _template;

    private CustomField(string key, JsonElement value, FieldTemplate? template)
    {
        Key = key;
        _static = value;
        _template = template;
    }

    /// <summary>The dotted key passed to <see cref="PluginContext.SetSerializeValue"/>.</summary>
    public string Key { get; }

    /// <summary>The value for this request. A JsonElement is immutable, so one instance serves every request,
    /// where a JsonNode could belong to only one entry tree.</summary>
    public object Resolve(PluginContext context) => _template is null ? _static : _template.Render(context);

    public static bool TryCreate(
        string key, JsonElement value, [NotNullWhen(true)] out CustomField? field, [NotNullWhen(false)] out string? error)
    {
        field = null;
        if (key.Length == 0 || key[0] == '.' || key[^1] == '.' || key.Contains("..", StringComparison.Ordinal))
        {
            error = "the key must be dot-separated names without empty parts";
            return false;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            // SetSerializeValue(key, null) removes a field, which would let config delete core entry fields.
            error = "the value must not be null";
            return false;
        }

        FieldTemplate? template = null;
        if (value.ValueKind == JsonValueKind.String && !TemplateParser.TryParse(value.GetString()!, out template, out error))
        {
            return false;
        }

        // A string without variables may still have contained '$$(' escapes: keep the unescaped text.
        var staticValue = value.ValueKind == JsonValueKind.String && template is null
            ? JsonSerializer.SerializeToElement(Unescape(value.GetString()!))
            : value;
        field = new CustomField(key, staticValue, template);
        error = null;
        return true;
    }

    private static string Unescape(string text) => text.Replace("$$(", "$(", StringComparison.Ordinal);
}
