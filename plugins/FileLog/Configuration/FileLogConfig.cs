using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Gateway.Plugins.FileLog.CustomFields;

namespace Gateway.Plugins.FileLog.Configuration;

/// <summary>The <c>config</c> object of a file-log instance (Kong's file-log schema, Lua replaced by templates).</summary>
internal sealed record FileLogConfig : IValidatableObject
{
    /// <summary>The file the entries are appended to; relative paths resolve against the working directory.</summary>
    public required string Path { get; init; }

    /// <summary>Reopen the file for every batch so log rotation by renaming is followed.</summary>
    public bool Reopen { get; init; }

    /// <summary>Drop (the default) or wait when the file's queue is full; see <see cref="QueueFullAction"/>.</summary>
    public QueueFullAction OnQueueFull { get; init; } = QueueFullAction.Drop;

    /// <summary>Dotted field keys mapped to a static JSON value or a string template such as
    /// <c>$(headers.user-agent)</c>.</summary>
    public IReadOnlyDictionary<string, JsonElement>? CustomFields { get; init; }

    /// <summary>Kong's Lua hook. Bound only so that it can be rejected with a useful message instead of the
    /// generic unknown-field error.</summary>
    public JsonElement? CustomFieldsByLua { get; init; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!FilenameRule.IsValid(Path))
        {
            yield return new ValidationResult(FilenameRule.Error, ["path"]);
        }

        if (CustomFieldsByLua is { ValueKind: not JsonValueKind.Null })
        {
            yield return new ValidationResult(
                "Lua is not supported by this gateway; use custom_fields (static JSON values or $(...) templates) instead",
                ["custom_fields_by_lua"]);
        }

        if (CustomFields is null)
        {
            yield break;
        }

        foreach (var (key, value) in CustomFields)
        {
            if (!CustomField.TryCreate(key, value, out _, out var error))
            {
                yield return new ValidationResult(error, [$"custom_fields.{key}"]);
            }
        }
    }
}
