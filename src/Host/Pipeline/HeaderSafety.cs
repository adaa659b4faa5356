using System.Buffers;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Pipeline;

/// <summary>
/// The one rule for every header value the gateway writes, upstream or to the client: no CR, LF or NUL. A value
/// carrying one would end the header early and let whoever chose it — a plugin, a config template, a value copied
/// from the request — write headers or a whole second request of its own (request splitting). HttpClient's
/// <c>TryAddWithoutValidation</c>, which YARP uses to copy headers, does not check this; Kestrel only checks when the
/// response starts, too late to answer cleanly. So the gateway checks both directions here, once per request, just
/// before the headers leave.
/// </summary>
internal static class HeaderSafety
{
    private static readonly SearchValues<char> Forbidden = SearchValues.Create("\r\n\0");

    /// <summary>The name of the first header whose name or value holds CR, LF or NUL, or null when all are safe.</summary>
    public static string? FindUnsafe(HttpHeaders headers)
    {
        foreach (var header in headers.NonValidated)
        {
            if (header.Key.AsSpan().ContainsAny(Forbidden))
                return Printable(header.Key);
            foreach (var value in header.Value)
            {
                if (value.AsSpan().ContainsAny(Forbidden))
                    return header.Key;
            }
        }

        return null;
    }

    /// <inheritdoc cref="FindUnsafe(HttpHeaders)"/>
    public static string? FindUnsafe(IHeaderDictionary headers)
    {
        using var copy = HeaderCopy.Of(headers);
        foreach (var header in copy.Headers)
        {
            if (header.Key.AsSpan().ContainsAny(Forbidden))
                return Printable(header.Key);
            foreach (var value in header.Value)
            {
                if (value is not null && value.AsSpan().ContainsAny(Forbidden))
                    return header.Key;
            }
        }

        return null;
    }

    // A bad name is reported without its control characters, so the log line stays one line.
    private static string Printable(string name) => string.Create(name.Length, name, static (span, source) =>
    {
        for (var i = 0; i < span.Length; i++)
            span[i] = source[i] is '\r' or '\n' or '\0' ? '?' : source[i];
    });
}
