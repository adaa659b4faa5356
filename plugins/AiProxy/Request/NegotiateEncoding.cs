using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Gateway.Plugins.AiProxy.Request;

/// <summary>
/// Asks the upstream only for encodings the plugin can read (Kong 3.13 broke when a client's <c>br</c> reached
/// Anthropic). A stream gets <c>identity</c>, so every event can be read and flushed as it arrives; a one-shot
/// reply may come gzip-compressed when the client accepts gzip, since the bytes pass through to it unchanged
/// and are inflated only on the side.
/// </summary>
internal static class NegotiateEncoding
{
    public const string Identity = "identity";
    public const string GzipOrIdentity = "gzip, identity";

    public static void Run(IHeaderDictionary headers, bool streaming) =>
        headers.AcceptEncoding = streaming ? Identity : ClientAcceptsGzip(headers.AcceptEncoding) ? GzipOrIdentity : Identity;

    /// <summary>True when the header lists <c>gzip</c> (or <c>x-gzip</c>, or <c>*</c>) with a non-zero quality.</summary>
    public static bool ClientAcceptsGzip(StringValues acceptEncoding)
    {
        foreach (var value in acceptEncoding)
        {
            foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var semicolon = part.IndexOf(';', StringComparison.Ordinal);
                var coding = (semicolon < 0 ? part : part[..semicolon]).Trim();
                if ((coding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || coding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase)
                    || coding == "*") && !IsZeroQuality(semicolon < 0 ? string.Empty : part[(semicolon + 1)..]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsZeroQuality(string parameters)
    {
        foreach (var parameter in parameters.Split(';', StringSplitOptions.TrimEntries))
        {
            if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                && double.TryParse(parameter.AsSpan(2), System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out var q))
            {
                return q <= 0;
            }
        }

        return false;
    }
}
