namespace Gateway.Host.Routing;

/// <summary>
/// The rank lists the route index found for one request, merged on the fly: <see cref="Next"/> yields their
/// union in ascending rank (Kong's priority order) without duplicates, so the router tries candidates in the
/// same order as a scan of every route. One instance per thread, reused: matching allocates nothing.
/// </summary>
internal sealed class CandidateLists
{
    [ThreadStatic]
    private static CandidateLists? _current;

    private int[][] _lists = new int[16][];
    private int[] _cursors = new int[16];
    private int _count;

    /// <summary>This thread's instance, emptied. Matching does not nest, so one per thread is enough.</summary>
    public static CandidateLists ForThisThread()
    {
        var lists = _current ??= new CandidateLists();
        lists.Clear();
        return lists;
    }

    /// <param name="ranks">Ascending ranks; kept by reference until <see cref="Clear"/>.</param>
    public void Add(int[] ranks)
    {
        if (_count == _lists.Length)
        {
            Array.Resize(ref _lists, _count * 2);
            Array.Resize(ref _cursors, _count * 2);
        }

        _lists[_count] = ranks;
        _cursors[_count] = 0;
        _count++;
    }

    /// <summary>The lowest rank not yet returned, or -1 when every list is exhausted.</summary>
    public int Next()
    {
        var min = int.MaxValue;
        for (var i = 0; i < _count; i++)
        {
            var list = _lists[i];
            if (_cursors[i] < list.Length && list[_cursors[i]] < min)
                min = list[_cursors[i]];
        }

        if (min == int.MaxValue)
            return -1;
        // A route filed under several matching keys (two hosts, a header value twice) comes up once.
        for (var i = 0; i < _count; i++)
        {
            var list = _lists[i];
            if (_cursors[i] < list.Length && list[_cursors[i]] == min)
                _cursors[i]++;
        }

        return min;
    }

    /// <summary>Drops the references so a replaced router's arrays are not kept alive by an idle thread.</summary>
    public void Clear()
    {
        Array.Clear(_lists, 0, _count);
        _count = 0;
    }
}
