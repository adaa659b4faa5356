namespace Gateway.Host.Pipeline;

/// <summary>
/// <c>kong.ctx.shared</c> for one request: a handful of typed keys (ai-proxy's usage, an auth plugin's data),
/// compared by reference like <see cref="Gateway.Plugins.ContextKey{T}"/> itself. A linear scan over a small array:
/// a request sets one or two values, and a dictionary cost 208 B for the first (the profile's 212 B per request).
/// </summary>
internal struct SharedValues
{
    private KeyValuePair<object, object?>[]? _items;
    private int _count;

    public void Set(object key, object? value)
    {
        var items = _items ??= new KeyValuePair<object, object?>[4];
        for (var i = 0; i < _count; i++)
        {
            if (ReferenceEquals(items[i].Key, key))
            {
                items[i] = new(key, value);
                return;
            }
        }

        if (_count == items.Length)
        {
            Array.Resize(ref _items, items.Length * 2);
        }

        _items[_count++] = new(key, value);
    }

    public readonly bool TryGet(object key, out object? value)
    {
        for (var i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_items![i].Key, key))
            {
                value = _items[i].Value;
                return true;
            }
        }

        value = null;
        return false;
    }
}
