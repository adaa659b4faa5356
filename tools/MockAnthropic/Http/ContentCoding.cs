namespace Gateway.MockAnthropic.Http;

internal enum ContentCoding
{
    Identity,
    Gzip,
    Brotli,
}

/// <summary>
/// Picks the body coding like the real API: gzip whenever the client accepts it, Brotli only when gzip is not
/// offered. Gateway tests rely on this to prove they ask for an encoding they can decode.
/// </summary>
internal static class ContentCodingNegotiator
{
    public static ContentCoding Choose(string? acceptEncoding)
    {
        if (string.IsNullOrEmpty(acceptEncoding))
        {
            return ContentCoding.Identity;
        }

        var gzip = false;
        var brotli = false;
        foreach (var range in acceptEncoding.AsSpan().Split(','))
        {
            var item = acceptEncoding.AsSpan(range).Trim();
            var semicolon = item.IndexOf(';');
            var coding = (semicolon < 0 ? item : item[..semicolon]).Trim();
            if (semicolon >= 0 && IsRefused(item[(semicolon + 1)..]))
            {
                continue;
            }

            if (coding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            {
                gzip = true;
            }
            else if (coding.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                brotli = true;
            }
        }

        return gzip ? ContentCoding.Gzip : brotli ? ContentCoding.Brotli : ContentCoding.Identity;
    }

    // "q=0" (or 0.0, 0.000) means "not acceptable", the only parameter that changes the choice.
    private static bool IsRefused(ReadOnlySpan<char> parameters)
    {
        var p = parameters.Trim();
        if (!p.StartsWith("q=", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var q = p[2..].Trim();
        return q.Length > 0 && q[0] == '0' && q[1..].TrimStart('.').TrimStart('0').IsEmpty;
    }
}
