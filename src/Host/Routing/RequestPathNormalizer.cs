using System.Text;

namespace Gateway.Host.Routing;

/// <summary>
/// Kong's request path normalization (kong/tools/uri.lua <c>normalize</c>): upper-case percent-encodings,
/// decode unreserved characters, collapse <c>//</c>, remove dot segments. Matching on the normalized form
/// stops <c>/a/../admin</c> or <c>/%61dmin</c> from slipping past a path-based route.
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
            if (path[i] == '%' && i + 2 < path.Length && IsHex(path[i + 1]) && IsHex(path[i + 2]))
            {
                var value = (char)((HexValue(path[i + 1]) << 4) | HexValue(path[i + 2]));
                if (IsUnreserved(value))
                    sb.Append(value);
                else
                    sb.Append('%').Append(char.ToUpperInvariant(path[i + 1])).Append(char.ToUpperInvariant(path[i + 2]));
                i += 2;
            }
            else
            {
                sb.Append(path[i]);
            }
        }

        return sb.ToString();
    }

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

    private static bool IsUnreserved(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
