namespace Gateway.Host.Configuration.Declarative;

/// <summary>One entity kind in insertion order, findable by id and by key (name, or the plugin cache key).</summary>
internal sealed class EntityTable<T>(string kind)
{
    private readonly List<T> _items = [];
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _keyById = new(StringComparer.Ordinal);

    public string Kind { get; } = kind;

    public IReadOnlyList<T> Items => _items.ToArray();

    public bool ContainsId(string id) => _byId.ContainsKey(id);

    public string? IdForKey(string key) => _idByKey.GetValueOrDefault(key);

    /// <summary>Adds, or replaces in place (keeping its position) the entity with this id.</summary>
    public void Set(string id, string? key, T entity)
    {
        if (_byId.TryGetValue(id, out var index))
        {
            _items[index] = entity;
            if (_keyById.Remove(id, out var oldKey))
                _idByKey.Remove(oldKey);
        }
        else
        {
            _byId[id] = _items.Count;
            _items.Add(entity);
        }

        if (key is not null)
        {
            _idByKey[key] = id;
            _keyById[id] = key;
        }
    }
}
