namespace Gateway.Host.Routing;

/// <summary>
/// Route ranks filed under path prefixes. For a request path it yields, without allocating, the rank lists of
/// every key that is a prefix of the path (the root's list, key "", always). Children are kept as a string of
/// their characters plus an array, which is a fraction of a dictionary per node at 10,000 routes.
/// </summary>
internal sealed class PathTrie
{
    private readonly Node _root = new();
    private readonly List<Node> _nodes = [];

    public PathTrie() => _nodes.Add(_root);

    /// <summary>Files <paramref name="rank"/> under <paramref name="key"/>; ranks must arrive in ascending order.</summary>
    public void Add(string key, int rank)
    {
        var node = _root;
        foreach (var c in key)
        {
            if (node.Find(c) is not { } child)
            {
                child = node.AddChild(c);
                _nodes.Add(child);
            }

            node = child;
        }

        node.Add(rank);
    }

    /// <summary>Ends building: the rank lists become arrays that matching reads.</summary>
    public void Freeze()
    {
        foreach (var node in _nodes)
            node.Freeze();
    }

    /// <summary>Adds the rank lists of every key that <paramref name="path"/> starts with.</summary>
    public void Collect(ReadOnlySpan<char> path, CandidateLists lists)
    {
        var node = _root;
        if (node.Ranks.Length > 0)
            lists.Add(node.Ranks);
        foreach (var c in path)
        {
            node = node.Find(c);
            if (node is null)
                return;
            if (node.Ranks.Length > 0)
                lists.Add(node.Ranks);
        }
    }

    private sealed class Node
    {
        private string _chars = "";
        private Node[] _children = [];

        private RankList? _ranks;

        public int[] Ranks => _ranks?.Ranks ?? [];

        public Node? Find(char c)
        {
            var i = _chars.IndexOf(c, StringComparison.Ordinal);
            return i < 0 ? null : _children[i];
        }

        public Node AddChild(char c)
        {
            var node = new Node();
            _chars += c;
            _children = [.. _children, node];
            return node;
        }

        public void Add(int rank) => (_ranks ??= new RankList()).Add(rank);

        public void Freeze() => _ranks?.Freeze();
    }
}
