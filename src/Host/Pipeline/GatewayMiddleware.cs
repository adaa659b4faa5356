using System.Diagnostics;
using Gateway.Host.Diagnostics;
using Gateway.Host.Proxy;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Host.Pipeline;

/// <summary>
/// The whole request path, phase by phase: route, access, proxy (header_filter and body_filter run inside YARP's
/// copy), or a generated response that runs through the same filters; then log, exactly once, whatever happened.
/// </summary>
internal sealed class GatewayMiddleware(
    GatewayRuntime runtime,
    IHttpForwarder forwarder,
    GatewayTransformer transformer,
    ILogger<GatewayMiddleware> logger)
{
    /// <summary>Kong's response header for correlating a response with its log line.</summary>
    public const string RequestIdHeader = "X-Kong-Request-Id";

    public async Task InvokeAsync(HttpContext httpContext)
    {
        using var context = new RequestContext(httpContext, runtime, Stopwatch.GetTimestamp());
        httpContext.Features.Set(context);
        httpContext.Response.Headers[RequestIdHeader] = context.RequestId;
        try
        {
            var service = RouteRequest(context);
            if (service is not null)
            {
                await PhaseRunner.AccessAsync(context, logger);
                if (context.Generated is null && context.BodyTooLargeUnhandled)
                {
                    context.Fail(413, "Request body too large");
                }

                if (context.Generated is null)
                {
                    await ProxyAsync(context, service);
                }
            }

            if (context.Generated is not null && !httpContext.Response.HasStarted)
            {
                if (httpContext.RequestAborted.IsCancellationRequested)
                {
                    // Nobody is left to read it; the log phase still records what the answer would have been.
                    httpContext.Response.StatusCode = context.Generated.StatusCode;
                }
                else
                {
                    await GeneratedResponseWriter.WriteAsync(context, logger);
                }
            }
        }
        catch (Exception ex) when (httpContext.RequestAborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            // The client went away while we answered: not a gateway failure, and the log phase still runs.
            if (!httpContext.Response.HasStarted)
            {
                httpContext.Response.StatusCode = 499;
            }
        }
        catch (Exception ex) when (!httpContext.Response.HasStarted)
        {
            Log.RequestFailed(logger, context.RequestId, ex);
            context.Fail(500, PhaseRunner.UnexpectedError);
            await GeneratedResponseWriter.WriteAsync(context, logger);
        }
        catch (Exception ex)
        {
            // Mid-response: nothing sensible can be sent any more; end the connection and still log.
            Log.RequestFailed(logger, context.RequestId, ex);
            httpContext.Abort();
        }
        finally
        {
            await FinishAsync(context);
        }
    }

    private ServiceRuntime? RouteRequest(RequestContext context)
    {
        var request = context.HttpContext.Request;
        var rawPath = RawTarget.Path(context.HttpContext);
        if (RequestFraming.Check(request, rawPath) is { } refusal)
        {
            // Like Kong's nginx-level errors: no route, the global plugins still run and the request is logged.
            context.Route(null, runtime.Chains.Global);
            context.Fail(refusal.Status, refusal.Message);
            // The connection's framing can no longer be trusted: nginx closes it too.
            context.HttpContext.Features.Get<IConnectionLifetimeNotificationFeature>()?.RequestClose();
            Log.RequestRefused(logger, context.RequestId, refusal.Status, refusal.Message);
            return null;
        }

        var match = runtime.Router.Match(request.Method, request.Host.Value ?? string.Empty, rawPath, request.Headers);
        if (match is null)
        {
            // Kong runs the global plugins for requests no route matched.
            context.Route(null, runtime.Chains.Global);
            context.Fail(404, "no Route matched with those values");
            return null;
        }

        context.Route(match, runtime.Chains.ByRoute[match.Route.Id]);
        var service = runtime.Service(match.Route.ServiceId);
        if (service is null)
        {
            context.Fail(503, "no Service found with those values");
            return null;
        }

        var target = context.Upstream;
        target.Scheme = service.Entity.Protocol;
        target.Host = service.Entity.Host;
        target.Port = service.Entity.Port;
        target.Path = match.UpstreamPath;
        target.Query = request.QueryString.Value ?? string.Empty;
        target.PreserveHost = match.Route.PreserveHost;
        return service;
    }

    private async ValueTask ProxyAsync(RequestContext context, ServiceRuntime service)
    {
        var target = context.Upstream;
        var prefix = UpstreamAddress.Prefix(target);
        var error = await forwarder.SendAsync(context.HttpContext, prefix, service.Client, service.RequestConfig, transformer);
        if (error == ForwarderError.None || context.Generated is not null)
        {
            return;
        }

        var reason = context.HttpContext.Features.Get<IForwarderErrorFeature>()?.Exception?.GetBaseException().Message ?? error.ToString();
        Log.UpstreamFailed(logger, error.ToString(), context.RequestId, prefix, reason);
        if (context.HttpContext.Response.HasStarted)
        {
            return;
        }

        if (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // nginx's 499: the client went away before the upstream answered; logged, nothing to send.
            context.HttpContext.Response.StatusCode = 499;
            return;
        }

        switch (error)
        {
            case ForwarderError.RequestTimedOut:
            // The headers came, then the body stayed silent for read_timeout before its first byte. YARP holds the
            // headers until that byte, so nothing was sent yet: answer what it is, a timeout, not "invalid response".
            case ForwarderError.ResponseBodyDestination or ForwarderError.ResponseBodyCanceled when context.UpstreamReadTimedOut:
                context.Fail(504, "The upstream server is timing out");
                break;
            case ForwarderError.Request when context.UpstreamStatus is null && context.Tries.Any(t => t.Failure is not null) && context.Tries[^1].Failure is not null:
                context.Fail(502, $"The upstream server could not be reached ({target.Host}:{target.Port}: {context.Tries[^1].Failure})");
                break;
            default:
                context.Fail(502, "An invalid response was received from the upstream server");
                break;
        }
    }

    private async ValueTask FinishAsync(RequestContext context)
    {
        var httpContext = context.HttpContext;
        if (context.ResponseEnded == 0)
        {
            context.ResponseEnded = Stopwatch.GetTimestamp();
        }

        if (!httpContext.RequestAborted.IsCancellationRequested)
        {
            try
            {
                // Let the client see the end of the response before the log phase runs (Kong logs after sending).
                await httpContext.Response.CompleteAsync();
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
            {
                // The client went away while the response ended; the log entry still records it.
            }
        }

        await PhaseRunner.LogAsync(context, logger);
    }
}
