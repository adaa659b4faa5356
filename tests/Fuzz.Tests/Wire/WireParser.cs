using System.Globalization;
using System.Text;

namespace Gateway.Fuzz.Tests.Wire;

/// <summary>The outcome of parsing the front of a buffer.</summary>
internal enum ParseStatus
{
    Complete,
    NeedMore,
    Invalid,
}

/// <summary>
/// A strict HTTP/1.1 message parser (RFC 9112) for what our own sockets receive. Strict on purpose: the upstream
/// side uses it to prove the gateway only ever sends well-framed requests, so anything a lenient server would
/// guess at (bare LF, a header line without a colon, a bad chunk size) is reported as invalid, not repaired.
/// </summary>
internal static class WireParser
{
    private const int MaxHead = 1024 * 1024;
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();

    /// <param name="data">The bytes from the start of a message.</param>
    /// <param name="isResponse">Responses without framing run to the end of the connection.</param>
    /// <param name="bodyless">A response to HEAD, or any 1xx/204/304, has no body whatever its headers say.</param>
    /// <param name="atEof">The connection has ended, so a response without framing is complete.</param>
    public static ParseStatus TryParse(ReadOnlySpan<byte> data, bool isResponse, bool bodyless, bool atEof, out WireMessage? message, out string? error)
    {
        message = null;
        error = null;
        var headEnd = data.IndexOf(HeadEnd);
        if (headEnd < 0)
        {
            if (data.Length > MaxHead)
            {
                error = "head longer than 1 MB";
                return ParseStatus.Invalid;
            }

            return ParseStatus.NeedMore;
        }

        var lines = Encoding.Latin1.GetString(data[..headEnd]).Split("\r\n");
        var headers = new List<WireHeader>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line.AsSpan(0, colon).IndexOfAny(" \t\n\r\0") >= 0)
            {
                error = "malformed header line " + Escape(line);
                return ParseStatus.Invalid;
            }

            headers.Add(new WireHeader(line[..colon], line[(colon + 1)..].Trim(' ', '\t')));
        }

        if (lines[0].Contains('\n', StringComparison.Ordinal) || headers.Any(h => h.Value.Contains('\n', StringComparison.Ordinal)))
        {
            error = "bare LF in the head";
            return ParseStatus.Invalid;
        }

        var at = headEnd + HeadEnd.Length;
        var body = new MemoryStream();
        var status = isResponse && lines[0].Split(' ') is [_, var code, ..] && int.TryParse(code, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var noBody = bodyless || (isResponse && (status is >= 100 and < 200 or 204 or 304));
        var transferEncoding = headers.Where(h => h.Name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase)).ToList();
        var contentLength = headers.Where(h => h.Name.Equals("content-length", StringComparison.OrdinalIgnoreCase)).ToList();
        if (noBody)
        {
            // Nothing to read.
        }
        else if (transferEncoding.Count > 0)
        {
            if (!transferEncoding[^1].Value.Split(',').Last().Trim().Equals("chunked", StringComparison.OrdinalIgnoreCase))
            {
                error = "transfer coding that does not end in chunked: " + transferEncoding[^1].Value;
                return ParseStatus.Invalid;
            }

            var chunked = ReadChunked(data, ref at, body, out error);
            if (chunked != ParseStatus.Complete)
            {
                return chunked;
            }
        }
        else if (contentLength.Count > 0)
        {
            if (contentLength.Select(h => h.Value).Distinct(StringComparer.Ordinal).Count() != 1
                || !long.TryParse(contentLength[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                error = "bad Content-Length " + string.Join(" | ", contentLength.Select(h => h.Value));
                return ParseStatus.Invalid;
            }

            if (data.Length - at < length)
            {
                return ParseStatus.NeedMore;
            }

            body.Write(data.Slice(at, (int)length));
            at += (int)length;
        }
        else if (isResponse)
        {
            if (!atEof)
            {
                return ParseStatus.NeedMore;
            }

            body.Write(data[at..]);
            at = data.Length;
        }

        message = new WireMessage(lines[0], headers, body.ToArray(), at);
        return ParseStatus.Complete;
    }

    /// <summary>Every complete message in the bytes of one direction of a connection.</summary>
    public static IReadOnlyList<WireMessage> ParseAll(ReadOnlySpan<byte> data, bool isResponse, bool atEof, out string? error, Func<int, bool>? bodyless = null)
    {
        var messages = new List<WireMessage>();
        error = null;
        var at = 0;
        while (at < data.Length)
        {
            var status = TryParse(data[at..], isResponse, bodyless?.Invoke(messages.Count) ?? false, atEof, out var message, out error);
            if (status != ParseStatus.Complete)
            {
                break;
            }

            messages.Add(message!);
            at += message!.RawLength;
        }

        return messages;
    }

    /// <summary>A printable form of raw bytes for failure messages: CR, LF, NUL and bytes ≥ 0x80 escaped.</summary>
    public static string Escape(string text, int max = 400)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Length > max ? text[..max] : text)
        {
            _ = c switch
            {
                '\r' => builder.Append("\\r"),
                '\n' => builder.Append("\\n"),
                '\t' => builder.Append("\\t"),
                '\\' => builder.Append("\\\\"),
                < ' ' or >= (char)0x7f => builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => builder.Append(c),
            };
        }

        return text.Length > max ? builder.Append(CultureInfo.InvariantCulture, $"…(+{text.Length - max} chars)").ToString() : builder.ToString();
    }

    public static string Escape(ReadOnlySpan<byte> bytes, int max = 400) => Escape(Encoding.Latin1.GetString(bytes), max);

    private static ParseStatus ReadChunked(ReadOnlySpan<byte> data, ref int at, MemoryStream body, out string? error)
    {
        error = null;
        while (true)
        {
            var lineEnd = data[at..].IndexOf(LineEnd);
            if (lineEnd < 0)
            {
                return ParseStatus.NeedMore;
            }

            var sizeText = Encoding.Latin1.GetString(data.Slice(at, lineEnd)).Split(';')[0];
            if (!long.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0 || size > int.MaxValue)
            {
                error = "bad chunk size line " + Escape(Encoding.Latin1.GetString(data.Slice(at, lineEnd)));
                return ParseStatus.Invalid;
            }

            at += lineEnd + LineEnd.Length;
            if (size == 0)
            {
                // Trailer lines until the empty line.
                while (true)
                {
                    var trailerEnd = data[at..].IndexOf(LineEnd);
                    if (trailerEnd < 0)
                    {
                        return ParseStatus.NeedMore;
                    }

                    at += trailerEnd + LineEnd.Length;
                    if (trailerEnd == 0)
                    {
                        return ParseStatus.Complete;
                    }
                }
            }

            if (data.Length - at < size + LineEnd.Length)
            {
                return ParseStatus.NeedMore;
            }

            body.Write(data.Slice(at, (int)size));
            at += (int)size;
            if (!data.Slice(at, LineEnd.Length).SequenceEqual(LineEnd))
            {
                error = "chunk data not followed by CRLF";
                return ParseStatus.Invalid;
            }

            at += LineEnd.Length;
        }
    }
}
