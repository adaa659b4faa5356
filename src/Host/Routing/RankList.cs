namespace Gateway.Host.Routing;

/// <summary>The ranks filed under one index key: appended in ascending order while building, then an array.</summary>
internal sealed class RankList
{
    private List<int>? _building = [];

    public int[] Ranks { get; private set; } = [];

    public int Count => _building?.Count ?? Ranks.Length;

    // A route filed twice under one key (two paths that normalize alike, a host listed twice) is kept once.
    public void Add(int rank)
    {
        if (_building is null)
            throw new InvalidOperationException("the index is frozen");
        if (_building.Count == 0 || _building[^1] != rank)
            _building.Add(rank);
    }

    public void Freeze()
    {
        if (_building is null)
            return;
        Ranks = [.. _building];
        _building = null;
    }
}
