using System.Globalization;
using System.Text;

namespace Gateway.Fuzz.Tests.Fuzzing;

/// <summary>Mutations of the body and its framing. Some leave the gateway waiting for bytes that never come
/// (a stalled body); those make the case end with the client leaving, which is what a stalled client does.</summary>
internal static class BodyMutations
{
    /// <summary>Returns true when the body is left incomplete, so the server would wait forever.</summary>
    public static bool Apply(RequestDraft draft, Random random)
    {
        var payload = draft.Payload is { Length: > 0 } p ? p : Encoding.ASCII.GetBytes("body-" + draft.Tag);
        if (draft.Method is "GET" or "HEAD")
        {
            draft.Method = "POST";
        }

        draft.Payload = null;
        switch (random.Next(10))
        {
            case 0:
                draft.WithLengthBody(payload);
                draft.Payload = null;
                draft.SetHeader("Content-Length", (payload.Length + random.Next(1, 500)).ToString(CultureInfo.InvariantCulture));
                draft.Mutations.Add("Content-Length longer than the body (stalled)");
                return true;
            case 1:
                draft.WithLengthBody(payload);
                draft.Payload = null;
                var shortBy = random.Next(1, payload.Length + 1);
                draft.SetHeader("Content-Length", (payload.Length - shortBy).ToString(CultureInfo.InvariantCulture));
                draft.Mutations.Add($"Content-Length {shortBy} short (rest is garbage on the connection)");
                return false;
            case 2:
                Chunked(draft, payload, random, "zz\r\nhello\r\n0\r\n\r\n", "chunk size \"zz\"");
                return false;
            case 3:
                Chunked(draft, payload, random, "5\r\nhelloXX0\r\n\r\n", "chunk data without its CRLF");
                return false;
            case 4:
                Chunked(draft, payload, random, "fffffffffffffffffff\r\nx\r\n", "chunk size overflowing 64 bits");
                return false;
            case 5:
                Chunked(draft, payload, random, "-1\r\nx\r\n0\r\n\r\n", "negative chunk size");
                return false;
            case 6:
                Chunked(draft, payload, random, "5\nhello\n0\n\n", "chunk lines with bare LF");
                return false;
            case 7:
                draft.WithChunkedBody(payload, random);
                draft.Payload = null;
                draft.Body = draft.Body[..^"0\r\n\r\n".Length];
                draft.Mutations.Add("chunked body without its last chunk (stalled)");
                return true;
            case 8:
                draft.WithChunkedBody(payload, random);
                draft.Body = [.. draft.Body[..^2], .. "X-Trailer: t\r\nAuthorization: Bearer "u8, .. Encoding.ASCII.GetBytes(Secrets.Bearer), .. "\r\n\r\n"u8];
                draft.Payload = payload;
                draft.Mutations.Add("chunked body with trailers (one a credential)");
                return false;
            default:
                draft.WithChunkedBody(payload, random);
                draft.Body = [.. draft.Body[..^5], .. Encoding.ASCII.GetBytes("3;ext=\"a\r\nb\"\r\nabc\r\n0\r\n\r\n")];
                draft.Payload = null;
                draft.Mutations.Add("chunk extension with a quoted CRLF");
                return false;
        }
    }

    private static void Chunked(RequestDraft draft, byte[] payload, Random random, string broken, string mutation)
    {
        draft.WithChunkedBody(payload, random);
        draft.Payload = null;
        draft.Body = [.. draft.Body[..^"0\r\n\r\n".Length], .. Encoding.ASCII.GetBytes(broken)];
        draft.Mutations.Add(mutation);
    }
}
