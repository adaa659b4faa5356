using System.Diagnostics;
using Gateway.Host.Diagnostics;
using Gateway.Host.Proxy;
using Gateway.Host.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Host.Pipeline;

/// <summary>
/// Where the phases meet YARP's forwarder: the request goes to the target the access phase left in
/// <see cref="RequestContext.Upstream"/> with Kong's forwarding headers; the response runs header_filter once its
/// headers are copied, and its body is swapped for the body_filter stream before YARP copies it.
/// </summary>
internal sealed class GatewayTransformer(ILogger<GatewayTransformer> logger) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        var context = httpContext.Features.Get<RequestContext>()!;
        var target = context.Upstream;

        // Set before the base call, which only builds a URI from the client's path when none is set.
        proxyRequest.RequestUri = UpstreamAddress.RequestUri(destinationPrefix, target);
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        // Kong sends the target's host unless the route preserves the client's; null makes HttpClient derive
        // it from the URI, with the port only when it is not the scheme's default.
        proxyRequest.Headers.Host = target.PreserveHost ? httpContext.Request.Host.Value : null;

        AddForwardedHeaders(httpContext, proxyRequest, context);
        // Two sources, one rule: the request headers as the access phase left them (YARP silently drops a value with
        // CR or LF and passes a NUL through), and the proxy request as finally built (Host, X-Forwarded-*).
        // Kestrel refuses such bytes from clients, so whatever is found here came from a plugin or the config.
        var unsafeHeader = HeaderSafety.FindUnsafe(httpContext.Request.Headers)
            ?? HeaderSafety.FindUnsafe(proxyRequest.Headers)
            ?? (proxyRequest.Content is { } content ? HeaderSafety.FindUnsafe(content.Headers) : null);
        if (unsafeHeader is not null)
        {
            Log.UnsafeHeader(logger, context.RequestId, "upstream request", unsafeHeader, "set by a plugin or the configuration", 500);
            context.Conclude(RequestOutcome.Unexpected());
            // A status other than 200 tells YARP the transform answered: the request is not sent.
            httpContext.Response.StatusCode = 500;
            return;
        }

        proxyRequest.Options.Set(UpstreamClientFactory.ContextKey, context);
        context.UpstreamSent = Stopwatch.GetTimestamp();
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse is null)
        {
            return false;
        }

        await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        var context = httpContext.Features.Get<RequestContext>()!;
        context.UpstreamStatus = (int)proxyResponse.StatusCode;
        context.UpstreamHeadersReceived = Stopwatch.GetTimestamp();
        if (HeaderSafety.FindUnsafe(httpContext.Response.Headers) is { } unsafeHeader)
        {
            // Checked before header_filter so the blame lands on the upstream, as nginx's "upstream sent invalid header".
            httpContext.Response.Clear();
            context.Conclude(RequestOutcome.InvalidUpstreamHeader(unsafeHeader));
            return false;
        }

        context.Conclude(RequestOutcome.Upstream(context.UpstreamStatus.Value));
        if (!await PhaseRunner.HeaderFilterAsync(context, logger))
        {
            // Nothing was sent yet: the middleware answers 500 instead of the upstream's response, without running
            // the filters again (they would fail again, and log it twice).
            httpContext.Response.Clear();
            context.Conclude(RequestOutcome.FilterFailed(sentStatus: null));
            return false;
        }

        proxyResponse.Content = new FilteredResponseContent(proxyResponse.Content, context, logger);
        return true;
    }

    private static void AddForwardedHeaders(HttpContext httpContext, HttpRequestMessage proxyRequest, RequestContext context)
    {
        var request = httpContext.Request;
        var headers = proxyRequest.Headers;
        var remote = httpContext.Connection.RemoteIpAddress?.ToString();
        var forwardedFor = request.Headers["X-Forwarded-For"].ToString();
        headers.Remove("X-Forwarded-For");
        headers.TryAddWithoutValidation("X-Forwarded-For", string.IsNullOrEmpty(forwardedFor) ? remote : $"{forwardedFor}, {remote}");
        Set(headers, "X-Forwarded-Proto", request.Scheme);
        Set(headers, "X-Forwarded-Host", request.Host.Host);
        Set(headers, "X-Forwarded-Port", (request.Host.Port ?? httpContext.Connection.LocalPort).ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Kong sends the path of request_uri: as the client wrote it, still percent-encoded. The decoded
        // request.Path would turn a client's %0D%0A into a real line break inside this header.
        Set(headers, "X-Forwarded-Path", PathEscape.Escape(RawTarget.Path(httpContext)));
        if (context.Match is { Route.StripPath: true, MatchedPath: { Length: > 1 } prefix })
        {
            Set(headers, "X-Forwarded-Prefix", PathEscape.Escape(prefix));
        }
    }

    private static void Set(System.Net.Http.Headers.HttpRequestHeaders headers, string name, string? value)
    {
        headers.Remove(name);
        headers.TryAddWithoutValidation(name, value);
    }
}
