using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Gateway.Host.Pipeline;

/// <summary>
/// A header collection copied into a rented array, for the host's own per-request passes over every header (the
/// safety check, the log entry). Kestrel's collections enumerate without allocating only through their internal
/// types; a <c>foreach</c> over <see cref="IHeaderDictionary"/> boxes their enumerator (74–153 B each time), while
/// their <see cref="ICollection{T}.CopyTo"/> copies known and unknown headers in the same order without allocating.
/// </summary>
internal readonly struct HeaderCopy : IDisposable
{
    private readonly KeyValuePair<string, StringValues>[] _array;

    private HeaderCopy(KeyValuePair<string, StringValues>[] array, int count)
    {
        _array = array;
        Count = count;
    }

    public int Count { get; }

    public ReadOnlySpan<KeyValuePair<string, StringValues>> Headers => _array.AsSpan(0, Count);

    public static HeaderCopy Of(IHeaderDictionary headers)
    {
        var count = headers.Count;
        if (count == 0)
            return new HeaderCopy([], 0);
        var array = ArrayPool<KeyValuePair<string, StringValues>>.Shared.Rent(count);
        headers.CopyTo(array, 0);
        return new HeaderCopy(array, count);
    }

    /// <summary>Clears the copied references (so the pool holds no request's strings) and returns the array.</summary>
    public void Dispose()
    {
        if (_array is null || _array.Length == 0)
            return;
        Array.Clear(_array, 0, Count);
        ArrayPool<KeyValuePair<string, StringValues>>.Shared.Return(_array);
    }
}
