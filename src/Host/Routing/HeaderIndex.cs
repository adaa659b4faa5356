using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Routing;

/// <summary>
/// Route ranks filed under one of their <c>headers</c> conditions: per header name, by plain value
/// (case-insensitive, like <see cref="HeaderCondition"/>) and by <c>~*</c> regex. A regex shared by many
/// routes is evaluated once per request instead of once per route.
/// </summary>
internal sealed class HeaderIndex
{
    private readonly Dictionary<string, NameEntry> _byName = new(StringComparer.OrdinalIgnoreCase);
    private NameEntry[] _names = [];

    /// <summary>Files <paramref name="rank"/> under every value of the condition; ranks must arrive in ascending order.</summary>
    public void Add(HeaderCondition condition, int rank)
    {
        if (!_byName.TryGetValue(condition.Name, out var entry))
            _byName[condition.Name] = entry = new NameEntry(condition.Name);
        foreach (var value in condition.Values)
        {
            if (!entry.Values.TryGetValue(value, out var list))
                entry.Values[value] = list = new RankList();
            list.Add(rank);
        }

        foreach (var regex in condition.Regexes)
        {
            if (!entry.Regexes.TryGetValue(regex, out var list))
                entry.Regexes[regex] = list = new RankList();
            list.Add(rank);
        }
    }

    public void Freeze()
    {
        foreach (var entry in _byName.Values)
            entry.Freeze();
        _names = [.. _byName.Values];
    }

    /// <summary>Adds the rank lists of every value or regex the request's headers satisfy.</summary>
    public void Collect(IHeaderDictionary headers, CandidateLists lists)
    {
        foreach (var entry in _names)
        {
            if (!headers.TryGetValue(entry.Name, out var received))
                continue;
            foreach (var value in received)
            {
                if (value is not null && entry.Values.TryGetValue(value, out var list))
                    lists.Add(list.Ranks);
            }

            foreach (var (regex, ranks) in entry.FrozenRegexes)
            {
                foreach (var value in received)
                {
                    if (value is not null && regex.IsMatch(value))
                    {
                        lists.Add(ranks);
                        break;
                    }
                }
            }
        }
    }

    private sealed class NameEntry(string name)
    {
        public string Name { get; } = name;

        public Dictionary<string, RankList> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<Regex, RankList> Regexes { get; } = [];

        public (Regex Regex, int[] Ranks)[] FrozenRegexes { get; private set; } = [];

        public void Freeze()
        {
            foreach (var list in Values.Values)
                list.Freeze();
            foreach (var list in Regexes.Values)
                list.Freeze();
            FrozenRegexes = [.. Regexes.Select(r => (r.Key, r.Value.Ranks))];
        }
    }
}
