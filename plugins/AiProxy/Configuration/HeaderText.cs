namespace Gateway.Plugins.AiProxy.Configuration;

/// <summary>RFC 9110 checks for configured header names and values, so a bad value fails at startup instead of
/// on the first request.</summary>
internal static class HeaderText
{
    private const string TokenSymbols = "!#$%&'*+-.^_`|~";

    public static bool IsToken(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || TokenSymbols.Contains(c));

    public static bool IsValidValue(string value) => !value.Any(c => char.IsControl(c) && c != '\t');
}
