using System.Text.RegularExpressions;

namespace Gateway.Host.Routing;

/// <summary>
/// One <c>paths</c> entry: a plain string prefix (not segment-aware: <c>/foo</c> matches <c>/foobar</c>)
/// or a <c>~</c> regex anchored at the start.
/// </summary>
internal sealed class PathPattern
{
    public PathPattern(string path, Func<string, RegexOptions, Regex> compile)
    {
        if (path.StartsWith('~'))
        {
            // Kong prepends "^" to the pattern as written (atc transform), so "~/a|/b" anchors only "/a".
            var pattern = path[1..];
            var anchored = pattern.StartsWith('^') ? pattern : "^" + pattern;
            Regex = compile(anchored, RegexOptions.None);
            Prefix = "";
            IndexKey = RegexLiteralPrefix.Of(anchored);
        }
        else
        {
            // A route path that is not normalized could never match a normalized request path.
            Prefix = RequestPathNormalizer.Normalize(path);
            IndexKey = Prefix;
        }
    }

    public string Prefix { get; }

    public Regex? Regex { get; }

    /// <summary>Text every normalized path this pattern matches starts with (the route index files it there).</summary>
    public string IndexKey { get; }

    public bool IsMatch(string normalizedPath) =>
        Regex?.IsMatch(normalizedPath) ?? normalizedPath.StartsWith(Prefix, StringComparison.Ordinal);
}
