namespace Gateway.Host.Configuration.Declarative;

/// <summary>How an <see cref="EntityRef"/> was written: a bare string may be either a name or an id.</summary>
internal enum EntityRefKind
{
    NameOrId,
    Name,
    Id,
}
