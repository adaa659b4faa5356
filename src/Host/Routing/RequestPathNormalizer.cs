using System.Text;

namespace Gateway.Host.Routing;

/// <summary>
/// Kong's request path normalization (kong/tools/uri.lua <c>normalize</c>): decode every percent-encoding except
/// reserved characters (which stay encoded, upper-cased), collapse <c>//</c>, remove dot segments. Matching on the
/// normalized form stops <c>/a/../admin</c> or <c>/%61dmin</c> from slipping past a path-based route, and lets a
/// route written <c>/café</c> (or <c>~/caf(é|e)</c>) match <c>/caf%C3%A9</c>.
/// Two deliberate differences from Kong: control characters (<c>%00</c>–<c>%1F</c>, <c>%7F</c>) stay encoded, so a
/// decoded CR, LF or NUL never exists in the gateway's view of a path; and bytes that are not valid UTF-8 stay
/// encoded, since a .NET string cannot hold them. <see cref="PathEscape"/> encodes the result again on the way out.
/// </summary>
internal static class RequestPathNormalizer
{
    public static string Normalize(string rawPath)
    {
        if (rawPath.Length == 0)
            return "/";
        // The common case (a clean path) returns the same string: no allocation on the hot path.
        if (!NeedsWork(rawPath))
            return rawPath;
        return RemoveDotSegments(DecodePercents(rawPath));
    }

    private static bool NeedsWork(string path)
    {
        if (path[0] != '/')
            return true;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '%')
                return true;
            if (c != '/' || i + 1 >= path.Length)
                continue;
            var next = path[i + 1];
            if (next == '/')
                return true;
            if (next == '.' && IsDotSegment(path, i + 1))
                return true;
        }

        return false;
    }

    // A "." or ".." segment starting at index start (just after a slash).
    private static bool IsDotSegment(string path, int start)
    {
        var end = path.IndexOf('/', start);
        var length = (end < 0 ? path.Length : end) - start;
        return length == 1 || (length == 2 && path[start + 1] == '.');
    }

    private static string DecodePercents(string path)
    {
        if (!path.Contains('%', StringComparison.Ordinal))
            return path;
        var sb = new StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            if (!IsTriplet(path, i))
            {
                sb.Append(path[i]);
                continue;
            }

            var value = TripletValue(path, i);
            if (value >= 0x80)
            {
                i = AppendUtf8Run(path, i, sb) - 1;
                continue;
            }

            if (IsReserved((char)value) || char.IsControl((char)value))
                sb.Append('%').Append(char.ToUpperInvariant(path[i + 1])).Append(char.ToUpperInvariant(path[i + 2]));
            else
                sb.Append((char)value);
            i += 2;
        }

        return sb.ToString();
    }

    // A run of %XX triplets of bytes >= 0x80 is UTF-8 text: decode it whole, or keep it encoded when it is not
    // valid UTF-8. Returns the index after the run.
    private static int AppendUtf8Run(string path, int start, StringBuilder sb)
    {
        var end = start;
        while (IsTriplet(path, end) && TripletValue(path, end) >= 0x80)
            end += 3;
        var bytes = new byte[(end - start) / 3];
        for (var b = 0; b < bytes.Length; b++)
            bytes[b] = (byte)TripletValue(path, start + (b * 3));
        try
        {
            sb.Append(StrictUtf8.GetString(bytes));
        }
        catch (DecoderFallbackException)
        {
            sb.Append(path.AsSpan(start, end - start).ToString().ToUpperInvariant());
        }

        return end;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool IsTriplet(string path, int i) =>
        i + 2 < path.Length && path[i] == '%' && IsHex(path[i + 1]) && IsHex(path[i + 2]);

    private static int TripletValue(string path, int i) => (HexValue(path[i + 1]) << 4) | HexValue(path[i + 2]);

    // RFC 3986 reserved characters plus '%' itself (Kong's RESERVED_CHARS): decoding them would change what the
    // path means (a %2F is not a segment separator) or allow a second round of decoding.
    private static bool IsReserved(char c) => "!*'();:@&=+$,/?%#[]".Contains(c, StringComparison.Ordinal);

    private static string RemoveDotSegments(string path)
    {
        var segments = path.Split('/');
        var output = new List<string>(segments.Length);
        var trailingSlash = false;
        // segments[0] is the empty text before the leading slash (or a relative first segment).
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            switch (segment)
            {
                case "":
                    trailingSlash = last && i > 0;
                    break;
                case ".":
                    trailingSlash = last;
                    break;
                case "..":
                    if (output.Count > 0)
                        output.RemoveAt(output.Count - 1);
                    trailingSlash = last;
                    break;
                default:
                    output.Add(segment);
                    trailingSlash = false;
                    break;
            }
        }

        if (output.Count == 0)
            return "/";
        return "/" + string.Join('/', output) + (trailingSlash ? "/" : "");
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
