using System.Text.RegularExpressions;

namespace Gateway.Host.Loading;

/// <summary>
/// Whether a plugin's version is SemVer 2.0, by the grammar's own regular expression (semver.org, "Is there a suggested
/// regular expression", with \z for $ so a trailing newline does not pass). A package would add a dependency to every plugin author's test project through the testing
/// package, for one check at startup.
/// </summary>
internal static partial class SemanticVersionText
{
    public static bool IsValid(string? version) => version is not null && Grammar().IsMatch(version);

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Grammar();
}
