using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Host.Pipeline;

/// <summary>The request target as the client sent it, before Kestrel decoded it: what Kong calls
/// <c>request_uri</c>. Routing normalizes it, and the forwarded headers carry it.</summary>
internal static class RawTarget
{
    /// <summary>The path part, still percent-encoded. An absolute-form or asterisk target falls back to the
    /// re-encoded decoded path.</summary>
    public static string Path(HttpContext httpContext)
    {
        var raw = httpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            return httpContext.Request.PathBase.Add(httpContext.Request.Path).ToUriComponent();
        }

        var query = raw.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? raw : raw[..query];
    }
}
