namespace Gateway.Host.Routing;

/// <summary>
/// One <c>hosts</c> entry: exact, <c>*.example.com</c> (suffix) or <c>example.*</c> (prefix), with an
/// optional port. DNS names are case-insensitive, so comparisons ignore case.
/// </summary>
internal sealed class HostPattern
{
    private readonly string _value;
    private readonly HostPatternKind _kind;
    private readonly int? _port;

    public HostPattern(string host)
    {
        var name = host;
        var colon = host.LastIndexOf(':');
        if (colon > 0 && !host.EndsWith(']'))
        {
            _port = int.Parse(host.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture);
            name = host[..colon];
        }

        (_kind, _value) = name switch
        {
            _ when name.StartsWith("*.", StringComparison.Ordinal) => (HostPatternKind.Suffix, name[1..]),
            _ when name.EndsWith(".*", StringComparison.Ordinal) => (HostPatternKind.Prefix, name[..^1]),
            _ => (HostPatternKind.Exact, name),
        };
    }

    public bool IsWildcard => _kind != HostPatternKind.Exact;

    public HostPatternKind Kind => _kind;

    /// <summary>The fixed part: the whole name, <c>.example.com</c> for a suffix, <c>example.</c> for a prefix.</summary>
    public string Value => _value;

    /// <param name="port">The request's port, or -1 when the Host header has none.</param>
    public bool Matches(ReadOnlySpan<char> host, int port)
    {
        if (_port is { } wanted && wanted != port)
            return false;
        return _kind switch
        {
            HostPatternKind.Exact => host.Equals(_value, StringComparison.OrdinalIgnoreCase),
            // The wildcard stands for at least one character, so "*.a.com" does not match ".a.com".
            HostPatternKind.Suffix => host.Length > _value.Length && host.EndsWith(_value, StringComparison.OrdinalIgnoreCase),
            _ => host.Length > _value.Length && host.StartsWith(_value, StringComparison.OrdinalIgnoreCase),
        };
    }
}
