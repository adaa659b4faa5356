using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Pipeline;

/// <summary>
/// What nginx (and so Kong) refuses before any phase runs, refused here the same way: a body framing the gateway
/// would have to guess at, or a path it cannot decode. Guessing is how request smuggling starts — the gateway and the
/// upstream must never read different requests out of the same bytes.
/// </summary>
internal static class RequestFraming
{
    /// <summary>A reason to refuse the request, or null when it is well-formed.</summary>
    public static Refusal? Check(HttpRequest request, string rawPath)
    {
        // nginx (since 1.21.1) refuses CONNECT outright; forwarding it as an ordinary request only fails upstream.
        if (HttpMethods.IsConnect(request.Method))
            return new Refusal(405, "Method not allowed");

        var transferEncoding = request.Headers.TransferEncoding;
        if (transferEncoding.Count > 0)
        {
            // nginx accepts exactly "chunked" and answers 501 to any other coding: Kestrel would de-chunk
            // "gzip, chunked" and forward the still-gzipped bytes as if they were the body.
            if (transferEncoding.Count > 1 || !string.Equals(transferEncoding[0]?.Trim(), "chunked", StringComparison.OrdinalIgnoreCase))
                return new Refusal(501, "Transfer-Encoding other than 'chunked' is not supported");
            // Kestrel keeps a Content-Length sent beside Transfer-Encoding as X-Content-Length. Two framings in one
            // request are the classic smuggling vector; nginx refuses them.
            if (request.Headers.ContainsKey("X-Content-Length"))
                return new Refusal(400, "Bad request: both Content-Length and Transfer-Encoding were sent");
        }

        if (HasInvalidPercentEncoding(rawPath))
            return new Refusal(400, "Bad request: invalid percent-encoding in the path");
        // A NUL ends the path early for many upstreams (C strings, file systems): what the router matched would not
        // be what the upstream serves. No legitimate path holds one.
        if (rawPath.Contains("%00", StringComparison.Ordinal))
            return new Refusal(400, "Bad request: NUL (%00) in the path");
        return null;
    }

    private static bool HasInvalidPercentEncoding(string path)
    {
        for (var i = path.IndexOf('%', StringComparison.Ordinal); i >= 0; i = path.IndexOf('%', i + 1))
        {
            if (i + 2 >= path.Length || !char.IsAsciiHexDigit(path[i + 1]) || !char.IsAsciiHexDigit(path[i + 2]))
                return true;
        }

        return false;
    }

    /// <summary>The status and the <c>message</c> the client gets.</summary>
    internal sealed record Refusal(int Status, string Message);
}
