using Microsoft.Extensions.ObjectPool;

namespace Gateway.Host.Logging;

/// <summary>
/// The fields plugins add with <c>SetSerializeValue</c>: dotted keys become nested objects, as
/// <c>kong.log.set_serialize_value</c> does. Created only when a plugin sets something.
/// </summary>
/// <remarks>
/// Rented per request and returned once its log phase ran (<see cref="Rent"/>, <see cref="Return"/>): the nested
/// objects of ai-proxy's <c>ai.proxy.meta</c> and <c>ai.proxy.usage</c> were three dictionaries and five key
/// strings a request (about 780 B). A returned tree keeps its emptied dictionaries for the next request, and key
/// parts are looked up as spans and interned, so a warm tree allocates nothing for keys it has seen.
/// </remarks>
internal sealed class LogFieldTree
{
    // Enough for every request in flight at the throughput this host reaches on a small machine; each retained tree
    // holds a few hundred bytes of emptied dictionaries.
    private const int PoolSize = 256;

    // A tree that grew this many nested objects (a plugin logging per-request keys) is left to the GC rather than
    // kept with its capacity.
    private const int MaxNestedKept = 32;

    private static readonly ObjectPool<LogFieldTree> Pool = new DefaultObjectPool<LogFieldTree>(new PoolPolicy(), PoolSize);

    // The nested objects this tree created, in use; the host's own, so they can be emptied and reused. A dictionary
    // a plugin passed as a value is never among them.
    private readonly List<Dictionary<string, object?>> _nested = [];
    private readonly Stack<Dictionary<string, object?>> _spare = [];

    public Dictionary<string, object?> Root { get; } = new(StringComparer.Ordinal);

    public static LogFieldTree Rent() => Pool.Get();

    /// <summary>Empties <paramref name="tree"/> and keeps it for another request. Nothing may hold it afterwards.</summary>
    public static void Return(LogFieldTree tree) => Pool.Return(tree);

    public void Set(string key, object? value)
    {
        var node = Root;
        var rest = key.AsSpan();
        int dot;
        while ((dot = rest.IndexOf('.')) >= 0)
        {
            var part = rest[..dot];
            if (!node.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(part, out var child) || child is not Dictionary<string, object?> nested)
            {
                if (value is null)
                {
                    return;
                }

                nested = NewNested();
                node[FieldNames.Get(part)] = nested;
            }

            node = nested;
            rest = rest[(dot + 1)..];
        }

        if (value is null)
        {
            node.GetAlternateLookup<ReadOnlySpan<char>>().Remove(rest);
        }
        else
        {
            node[rest.Length == key.Length ? key : FieldNames.Get(rest)] = value;
        }
    }

    private Dictionary<string, object?> NewNested()
    {
        var nested = _spare.Count > 0 ? _spare.Pop() : new Dictionary<string, object?>(StringComparer.Ordinal);
        _nested.Add(nested);
        return nested;
    }

    private bool Reset()
    {
        Root.Clear();
        foreach (var nested in _nested)
        {
            nested.Clear();
            _spare.Push(nested);
        }

        _nested.Clear();
        return _spare.Count <= MaxNestedKept;
    }

    private sealed class PoolPolicy : IPooledObjectPolicy<LogFieldTree>
    {
        public LogFieldTree Create() => new();

        public bool Return(LogFieldTree obj) => obj.Reset();
    }
}
