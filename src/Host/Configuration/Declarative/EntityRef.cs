using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// A foreign key as written in a decK file: a bare name-or-id string, or <c>{name: x}</c> / <c>{id: x}</c>
/// (decK dumps write the object form).
/// </summary>
internal sealed record EntityRef(string Value, EntityRefKind Kind)
{
    public override string ToString() => Kind switch
    {
        EntityRefKind.Id => $"id '{Value}'",
        _ => $"'{Value}'",
    };

    public static EntityRef? Read(EntityFields fields, string field)
    {
        var node = fields.Raw(field);
        switch (node)
        {
            case null:
                return null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return new EntityRef(v.GetValue<string>(), EntityRefKind.NameOrId);
            case JsonObject obj:
                var inner = new EntityFields(obj, $"{fields.Location}.{field}", fields.Errors, RefFields);
                var id = inner.String("id");
                var name = inner.String("name");
                if (id is not null)
                    return new EntityRef(id, EntityRefKind.Id);
                if (name is not null)
                    return new EntityRef(name, EntityRefKind.Name);
                fields.Error($"field '{field}' needs a 'name' or an 'id'");
                return null;
            default:
                fields.TypeError(field, "a name, an id, or an object with 'name' or 'id'", node);
                return null;
        }
    }

    private static readonly HashSet<string> RefFields = ["id", "name"];
}
