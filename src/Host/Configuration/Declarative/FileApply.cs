namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// One file's apply step: id resolution, reference lookup, and the rule that a name (or plugin scope)
/// may appear only once per file.
/// </summary>
internal sealed class FileApply(string sourceName, ICollection<string> errors)
{
    private readonly HashSet<string> _seenKeys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenIds = new(StringComparer.Ordinal);

    /// <summary>Creates or updates by id, else by key; returns the entity's id.</summary>
    public string Upsert<T>(EntityTable<T> table, string? explicitId, string? key, string location, Func<string, T> build)
    {
        if (key is not null && !_seenKeys.Add($"{table.Kind}:{key}"))
            errors.Add($"{location}: duplicate {table.Kind} {Describe(table, key)} in {sourceName}");
        if (explicitId is not null && !_seenIds.Add($"{table.Kind}:{explicitId}"))
            errors.Add($"{location}: duplicate {table.Kind} id '{explicitId}' in {sourceName}");

        var existingByKey = key is null ? null : table.IdForKey(key);
        string id;
        if (explicitId is not null)
        {
            if (existingByKey is not null && existingByKey != explicitId && !table.ContainsId(explicitId))
                errors.Add($"{location}: {table.Kind} {Describe(table, key!)} already exists with another id");
            id = explicitId;
        }
        else
        {
            // Unnamed entities have nothing stable but their place in the file to derive an id from.
            id = existingByKey ?? DeterministicId.For($"{table.Kind}:{key ?? location}");
        }

        table.Set(id, key, build(id));
        return id;
    }

    /// <summary>Finds a referenced entity by id or name among everything applied so far.</summary>
    public string? Resolve<T>(EntityTable<T> table, EntityRef reference, string location)
    {
        var normalizedId = DeterministicId.Normalize(reference.Value);
        var id = reference.Kind switch
        {
            EntityRefKind.Id => normalizedId is not null && table.ContainsId(normalizedId) ? normalizedId : null,
            EntityRefKind.Name => table.IdForKey(reference.Value),
            _ => normalizedId is not null && table.ContainsId(normalizedId) ? normalizedId : table.IdForKey(reference.Value),
        };
        if (id is null)
            errors.Add($"{location}: {table.Kind} {reference} not found");
        return id;
    }

    private static string Describe<T>(EntityTable<T> table, string key) =>
        table.Kind == "plugin" ? $"'{key}' (same name and scope)" : $"'{key}'";
}
