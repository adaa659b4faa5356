using System.Diagnostics;
using Gateway.Host.Cli;
using Gateway.Host.Diagnostics;
using Gateway.Host.Proxy;
using Gateway.Host.Status;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Host.Pipeline;

/// <summary>
/// The whole request path, phase by phase: route, access, proxy (header_filter and body_filter run inside YARP's
/// copy), or a generated response that runs through the same filters; then log, exactly once, whatever happened.
/// Each way a request can end concludes it with a <see cref="RequestOutcome"/>, which the answer, the log entry and
/// the gateway's one line about a failed request are made from.
/// </summary>
internal sealed class GatewayMiddleware(
    GatewayRuntime runtime,
    IHttpForwarder forwarder,
    GatewayTransformer transformer,
    GatewayOptions options,
    IEnumerable<ILogEntryObserver> observers,
    ConnectionCounters counters,
    ILogger<GatewayMiddleware> logger)
{
    private readonly ILogEntryObserver[] _observers = [.. observers];

    /// <summary>Kong's response header for correlating a response with its log line.</summary>
    public const string RequestIdHeader = "X-Kong-Request-Id";

    public async Task InvokeAsync(HttpContext httpContext)
    {
        counters.RequestStarted();
        using var context = new RequestContext(httpContext, runtime, Stopwatch.GetTimestamp());
        httpContext.Features.Set(context);
        httpContext.Response.Headers[RequestIdHeader] = context.RequestId;
        context.WatchClientBody(options.ClientBodyTimeout);
        try
        {
            var service = RouteRequest(context);
            if (service is not null)
            {
                await PhaseRunner.AccessAsync(context, logger);
                if (context.Outcome is null && context.BodyFault is { } fault)
                {
                    // A plugin read the body and let a broken or over-limit one through: it cannot be forwarded.
                    context.Conclude(RequestOutcome.ClientFault(fault));
                }

                if (context.Outcome is null)
                {
                    await ProxyAsync(context, service);
                }
            }

            // Nobody is left to read an answer to a client that went away; the log still records what it would have been.
            if (context.Outcome?.Response is not null && !httpContext.Response.HasStarted && !httpContext.RequestAborted.IsCancellationRequested)
            {
                await GeneratedResponseWriter.WriteAsync(context, logger);
            }
        }
        catch (Exception ex) when (httpContext.RequestAborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            // The client went away while we answered: not a gateway failure, and the log phase still runs.
            context.Conclude(RequestOutcome.ClientLeft(context.Outcome, httpContext.Response.HasStarted ? httpContext.Response.StatusCode : null));
        }
        catch (Exception ex) when (!httpContext.Response.HasStarted)
        {
            Log.RequestFailed(logger, context.RequestId, ex);
            context.Conclude(RequestOutcome.Unexpected(ex));
            await GeneratedResponseWriter.WriteAsync(context, logger);
        }
        catch (Exception ex)
        {
            // Mid-response: nothing sensible can be sent any more; end the connection and still log.
            Log.RequestFailed(logger, context.RequestId, ex);
            context.Conclude(RequestOutcome.Unexpected(ex) with { Status = httpContext.Response.StatusCode, Response = null });
            httpContext.Abort();
        }
        finally
        {
            await FinishAsync(context);
            counters.RequestEnded();
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
            // Blamed on the client, so the answer closes the connection: its framing can no longer be trusted.
            context.Conclude(RequestOutcome.Refused(refusal.Status, refusal.Message));
            return null;
        }

        var match = runtime.Router.Match(request.Method, request.Host.Value ?? string.Empty, rawPath, request.Headers);
        if (match is null)
        {
            // Kong runs the global plugins for requests no route matched.
            context.Route(null, runtime.Chains.Global);
            context.Conclude(RequestOutcome.NoRoute());
            return null;
        }

        context.Route(match, runtime.Chains.ByRoute[match.Route.Id]);
        var service = runtime.Service(match.Route.ServiceId);
        if (service is null)
        {
            context.Conclude(RequestOutcome.NoService());
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
        if (error == ForwarderError.None || context.Outcome?.Blame == Blame.Gateway)
        {
            // Relayed; or a header_filter or body_filter failure already decided the outcome (a 500, or a cut).
            return;
        }

        var response = context.HttpContext.Response;
        context.Conclude(RequestOutcome.Forwarding(
            error,
            context.HttpContext.Features.Get<IForwarderErrorFeature>()?.Exception,
            context.BodyFault,
            context.HttpContext.RequestAborted.IsCancellationRequested,
            response.HasStarted ? response.StatusCode : null,
            $"{target.Host}:{target.Port}"));
    }

    private async ValueTask FinishAsync(RequestContext context)
    {
        var httpContext = context.HttpContext;
        if (context.ResponseEnded == 0)
        {
            context.ResponseEnded = Stopwatch.GetTimestamp();
        }

        if (context.Outcome?.Status == ClientBodyFault.ClientClosedRequest && !httpContext.Response.HasStarted)
        {
            // The client is gone: nothing to send, and no body left to drain (Kestrel would try to, and fail on a
            // reset connection). Ending the connection here also keeps the 499 as the status the log records.
            httpContext.Abort();
        }
        else if (!httpContext.RequestAborted.IsCancellationRequested)
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

        try
        {
            Log.Outcome(logger, context);
            await PhaseRunner.LogAsync(context, logger);
            foreach (var observer in _observers)
            {
                observer.Logged(context);
            }
        }
        finally
        {
            // After log, on every path: the request is over, and plugins hold pooled buffers or handles in state.
            await context.DisposeStatesAsync(logger);
        }
    }
}
