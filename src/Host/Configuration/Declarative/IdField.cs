namespace Gateway.Host.Configuration.Declarative;

/// <summary>The optional <c>id</c> field: Kong primary keys are UUIDs.</summary>
internal static class IdField
{
    public static string? Read(EntityFields f)
    {
        var id = f.String("id");
        if (id is null)
            return null;
        var normalized = DeterministicId.Normalize(id);
        if (normalized is null)
            f.Error("field 'id' must be a UUID");
        return normalized;
    }
}
