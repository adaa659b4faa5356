namespace Gateway.Host.Pipeline;

/// <summary>
/// <c>kong.ctx.shared</c> for one request: a handful of typed keys (ai-proxy's usage, an auth plugin's data),
/// compared by reference like <see cref="Gateway.Plugins.ContextKey{T}"/> itself. The first value is held inline
/// and any further ones in a small array scanned linearly: a request through the tutorial config sets exactly one
/// (ai-proxy's usage), for which a dictionary cost 208 B (the profile's 212 B per request) and an array 88 B.
/// </summary>
internal struct SharedValues
{
    private object? _firstKey;
    private object? _firstValue;
    private KeyValuePair<object, object?>[]? _more;
    private int _moreCount;

    public void Set(object key, object? value)
    {
        if (_firstKey is null || ReferenceEquals(_firstKey, key))
        {
            _firstKey = key;
            _firstValue = value;
            return;
        }

        var more = _more ??= new KeyValuePair<object, object?>[4];
        for (var i = 0; i < _moreCount; i++)
        {
            if (ReferenceEquals(more[i].Key, key))
            {
                more[i] = new(key, value);
                return;
            }
        }

        if (_moreCount == more.Length)
        {
            Array.Resize(ref _more, more.Length * 2);
        }

        _more[_moreCount++] = new(key, value);
    }

    public readonly bool TryGet(object key, out object? value)
    {
        if (_firstKey is not null && ReferenceEquals(_firstKey, key))
        {
            value = _firstValue;
            return true;
        }

        for (var i = 0; i < _moreCount; i++)
        {
            if (ReferenceEquals(_more![i].Key, key))
            {
                value = _more[i].Value;
                return true;
            }
        }

        value = null;
        return false;
    }
}
