namespace Gateway.Host.Logging;

/// <summary>
/// The fields plugins add with <c>SetSerializeValue</c>: dotted keys become nested objects, as
/// <c>kong.log.set_serialize_value</c> does. Created only when a plugin sets something.
/// </summary>
internal sealed class LogFieldTree
{
    public Dictionary<string, object?> Root { get; } = new(StringComparer.Ordinal);

    public void Set(string key, object? value)
    {
        var node = Root;
        var start = 0;
        while (true)
        {
            var dot = key.IndexOf('.', start);
            if (dot < 0)
            {
                break;
            }

            var part = key[start..dot];
            if (!node.TryGetValue(part, out var child) || child is not Dictionary<string, object?> nested)
            {
                if (value is null)
                {
                    return;
                }

                nested = new Dictionary<string, object?>(StringComparer.Ordinal);
                node[part] = nested;
            }

            node = nested;
            start = dot + 1;
        }

        var leaf = key[start..];
        if (value is null)
        {
            node.Remove(leaf);
        }
        else
        {
            node[leaf] = value;
        }
    }
}
