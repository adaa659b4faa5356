namespace Gateway.Host.Routing;

/// <summary>
/// The literal text every match of a start-anchored path regex begins with, so the route index can file a
/// regex route under it like a plain prefix. Conservative: whatever it cannot prove gives a shorter prefix,
/// down to "" (checked for every request).
/// </summary>
internal static class RegexLiteralPrefix
{
    // Anything that is not a literal character (with RegexOptions.None, the options paths compile with).
    private const string Special = "\\.^$|?*+()[]{}";

    /// <param name="anchoredPattern">The pattern as compiled, starting with <c>^</c>.</param>
    public static string Of(string anchoredPattern)
    {
        // One top-level alternative ("^/a|/b") is not anchored at all; do not try to tell top-level from nested.
        if (!anchoredPattern.StartsWith('^') || anchoredPattern.Contains('|', StringComparison.Ordinal))
            return "";
        var end = 1;
        while (end < anchoredPattern.Length && !Special.Contains(anchoredPattern[end], StringComparison.Ordinal))
            end++;
        // A quantifier after the last literal makes that character optional ("^/ab?c" only promises "/a").
        if (end < anchoredPattern.Length && anchoredPattern[end] is '?' or '*' or '+' or '{' && end > 1)
            end--;
        return anchoredPattern[1..end];
    }
}
