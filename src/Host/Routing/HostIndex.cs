namespace Gateway.Host.Routing;

/// <summary>
/// Route ranks filed under their <c>hosts</c> entries: exact names, <c>*.</c> suffixes and <c>.*</c> prefixes,
/// compared case-insensitively like <see cref="HostPattern"/>. Ports are left to the full match.
/// </summary>
internal sealed class HostIndex
{
    private readonly Dictionary<string, RankList> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, RankList> _suffix = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, RankList> _prefix = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, RankList>.AlternateLookup<ReadOnlySpan<char>> _exactBySpan;
    private Dictionary<string, RankList>.AlternateLookup<ReadOnlySpan<char>> _suffixBySpan;
    private Dictionary<string, RankList>.AlternateLookup<ReadOnlySpan<char>> _prefixBySpan;

    public bool IsEmpty => _exact.Count + _suffix.Count + _prefix.Count == 0;

    /// <summary>Files <paramref name="rank"/> under the host; ranks must arrive in ascending order.</summary>
    public void Add(HostPattern host, int rank)
    {
        var table = host.Kind switch
        {
            HostPatternKind.Exact => _exact,
            HostPatternKind.Suffix => _suffix,
            _ => _prefix,
        };
        if (!table.TryGetValue(host.Value, out var list))
            table[host.Value] = list = new RankList();
        list.Add(rank);
    }

    public void Freeze()
    {
        foreach (var list in _exact.Values.Concat(_suffix.Values).Concat(_prefix.Values))
            list.Freeze();
        _exactBySpan = _exact.GetAlternateLookup<ReadOnlySpan<char>>();
        _suffixBySpan = _suffix.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixBySpan = _prefix.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Adds the rank lists of every entry that can match <paramref name="host"/> (the name, no port).</summary>
    public void Collect(ReadOnlySpan<char> host, CandidateLists lists)
    {
        if (IsEmpty)
            return;
        if (_exact.Count > 0 && _exactBySpan.TryGetValue(host, out var exact))
            lists.Add(exact.Ranks);
        if (_suffix.Count + _prefix.Count == 0)
            return;
        // A suffix value starts with '.', a prefix value ends with one, and the wildcard stands for at least one
        // character: only the host's dots can be where a match starts (suffix) or ends (prefix).
        for (var i = host.IndexOf('.'); i >= 0; i = NextDot(host, i))
        {
            if (i > 0 && _suffix.Count > 0 && _suffixBySpan.TryGetValue(host[i..], out var suffix))
                lists.Add(suffix.Ranks);
            if (i < host.Length - 1 && _prefix.Count > 0 && _prefixBySpan.TryGetValue(host[..(i + 1)], out var prefix))
                lists.Add(prefix.Ranks);
        }
    }

    private static int NextDot(ReadOnlySpan<char> host, int after)
    {
        var next = host[(after + 1)..].IndexOf('.');
        return next < 0 ? -1 : after + 1 + next;
    }
}
