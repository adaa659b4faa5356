namespace Gateway.Plugins.FileLog.Configuration;

/// <summary>Kong's file-log <c>path</c> rule: no surrounding whitespace and none of <c>* &amp; % \ `</c>, which
/// keeps shell-looking and Windows-looking names out of the config.</summary>
internal static class FilenameRule
{
    /// <summary>Kong's error text, kept verbatim so operators recognise it.</summary>
    public const string Error = "not a valid filename";

    public static bool IsValid(string? path) =>
        !string.IsNullOrEmpty(path)
        && !char.IsWhiteSpace(path[0])
        && !char.IsWhiteSpace(path[^1])
        && path.AsSpan().IndexOfAny("*&%\\`") < 0;
}
