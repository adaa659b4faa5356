using System.Collections.Concurrent;

namespace Gateway.Plugins.Prometheus.Metrics;

/// <summary>
/// The values the <c>client</c> label may take: the first <c>limit</c> distinct clients keep their own value, every
/// later one is <see cref="Other"/>, a request without one is <c>""</c>. A value that is too long or holds anything
/// but letters, digits, <c>.</c>, <c>_</c> and <c>-</c> is <see cref="Other"/> too, so a client cannot smuggle
/// arbitrary text into the exposition. Values are never forgotten: the set only grows, to at most the limit.
/// </summary>
internal sealed class ClientLabelSet
{
    public const string Other = "other";
    public const int MaxLength = 64;

    private readonly ConcurrentDictionary<string, string> _admitted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Lock _admitLock = new();

    public ClientLabelSet() => _lookup = _admitted.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _admitted.Count;

    /// <summary>The label for <paramref name="value"/>; allocates only when a new value is admitted.</summary>
    public string Resolve(ReadOnlySpan<char> value, int limit)
    {
        if (value.IsEmpty)
        {
            return string.Empty;
        }

        if (value.Length > MaxLength || !IsSafe(value))
        {
            return Other;
        }

        if (_lookup.TryGetValue(value, out var admitted))
        {
            return admitted;
        }

        lock (_admitLock)
        {
            if (_lookup.TryGetValue(value, out admitted))
            {
                return admitted;
            }

            if (_admitted.Count >= limit)
            {
                return Other;
            }

            admitted = value.ToString();
            _admitted[admitted] = admitted;
            return admitted;
        }
    }

    /// <summary>The product name of a user-agent: <c>claude-cli</c> from <c>claude-cli/2.0.14 (external, cli)</c>.</summary>
    public static ReadOnlySpan<char> UserAgentFamily(ReadOnlySpan<char> userAgent)
    {
        var end = userAgent.IndexOfAny('/', ' ');
        return (end < 0 ? userAgent : userAgent[..end]).Trim();
    }

    private static bool IsSafe(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
