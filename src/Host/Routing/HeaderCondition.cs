using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Routing;

/// <summary>
/// One <c>headers</c> entry: the header must be present with any of the values (case-insensitive), or
/// match any <c>~*</c> regex (unanchored, as in Kong's ATC <c>~</c> operator).
/// </summary>
internal sealed class HeaderCondition
{
    private readonly string _name;
    private readonly string[] _values;
    private readonly Regex[] _regexes;

    public HeaderCondition(string name, IReadOnlyList<string> values, Func<string, RegexOptions, Regex> compile)
    {
        _name = name;
        _values = values.Where(v => !v.StartsWith("~*", StringComparison.Ordinal)).ToArray();
        // Kong lower-cases the value and the pattern text; IgnoreCase gets the same result without
        // lower-casing escapes such as \D into \d.
        _regexes = values.Where(v => v.StartsWith("~*", StringComparison.Ordinal))
            .Select(v => compile(v[2..], RegexOptions.IgnoreCase)).ToArray();
    }

    public string Name => _name;

    /// <summary>The plain values, compared case-insensitively.</summary>
    public IReadOnlyList<string> Values => _values;

    /// <summary>The <c>~*</c> values; shared instances (the router compiles each pattern once).</summary>
    public IReadOnlyList<Regex> Regexes => _regexes;

    public bool Matches(IHeaderDictionary headers)
    {
        if (!headers.TryGetValue(_name, out var received))
            return false;
        foreach (var value in received)
        {
            if (value is null)
                continue;
            foreach (var expected in _values)
            {
                if (string.Equals(value, expected, StringComparison.OrdinalIgnoreCase))
                    return true;
            }

            foreach (var regex in _regexes)
            {
                if (regex.IsMatch(value))
                    return true;
            }
        }

        return false;
    }
}
