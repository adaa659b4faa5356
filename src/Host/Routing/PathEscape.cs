using System.Buffers;
using System.Text;

namespace Gateway.Host.Routing;

/// <summary>
/// Kong's <c>kong.tools.uri.escape</c>: the last step before a path (or a forwarded header carrying one) leaves the
/// gateway. Routing works on the decoded form (<see cref="RequestPathNormalizer"/>); on the wire every character
/// outside RFC 3986's reserved and unreserved sets — space, quotes, controls, anything non-ASCII — is
/// percent-encoded (UTF-8), so what reaches the upstream can never carry CR, LF, NUL or a byte a header or request
/// line cannot hold. Existing <c>%XX</c> triplets are kept as they are, which makes escaping idempotent.
/// </summary>
internal static class PathEscape
{
    private static readonly SearchValues<char> Safe =
        SearchValues.Create("!#$&'()*+,/:;=?@[]ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~%");

    /// <summary>The text with every unsafe character percent-encoded; the same instance when there is none.</summary>
    public static string Escape(string text)
    {
        var first = text.AsSpan().IndexOfAnyExcept(Safe);
        if (first < 0)
            return text;

        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, first);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (Safe.Contains(c))
            {
                sb.Append(c);
                continue;
            }

            // A surrogate pair is one code point: encode both halves together. A lone surrogate has no UTF-8 form;
            // U+FFFD stands in for it rather than failing the request.
            var rune = Rune.TryGetRuneAt(text, i, out var r) ? r : Rune.ReplacementChar;
            if (rune.Utf16SequenceLength == 2)
                i++;
            var length = rune.EncodeToUtf8(utf8);
            for (var b = 0; b < length; b++)
                sb.Append('%').Append(HexUpper(utf8[b] >> 4)).Append(HexUpper(utf8[b] & 0xF));
        }

        return sb.ToString();
    }

    private static char HexUpper(int value) => (char)(value < 10 ? '0' + value : 'A' + value - 10);
}
