using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Gateway.Host.Configuration.Model;
using Gateway.Host.Pipeline;

namespace Gateway.Host.Proxy;

/// <summary>
/// One connection pool per service, with the service's connect timeout and Kong's connect retries: a refused or
/// timed-out connect is tried again up to <c>retries</c> times before the request fails with 502. Retrying only the
/// connect keeps retries safe for requests with bodies, which are never sent twice.
/// </summary>
internal static class UpstreamClientFactory
{
    internal static readonly HttpRequestOptionsKey<RequestContext> ContextKey = new("gateway.request");

    public static HttpMessageInvoker Create(ServiceEntity service)
    {
        var attemptTimeout = TimeSpan.FromMilliseconds(service.ConnectTimeout);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = null,
            // The callback enforces the per-attempt timeout; this only bounds all attempts together.
            ConnectTimeout = attemptTimeout * (service.Retries + 1) + TimeSpan.FromSeconds(1),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context, service.Retries, attemptTimeout, cancellationToken),
        };
        return new HttpMessageInvoker(handler, disposeHandler: true);
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, int retries, TimeSpan attemptTimeout, CancellationToken cancellationToken)
    {
        context.InitialRequestMessage.Options.TryGetValue(ContextKey, out var request);
        var endpoint = context.DnsEndPoint;
        for (var attempt = 0; ; attempt++)
        {
            var startedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var started = Stopwatch.GetTimestamp();
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(attemptTimeout);
            try
            {
                await socket.ConnectAsync(endpoint, timeout.Token);
                request?.RecordConnect(new UpstreamTry(startedAt, endpoint.Host, endpoint.Port, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null));
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                socket.Dispose();
                var reason = ex is SocketException se ? se.SocketErrorCode.ToString() : "connect timeout";
                request?.RecordConnect(new UpstreamTry(startedAt, endpoint.Host, endpoint.Port, Stopwatch.GetElapsedTime(started).TotalMilliseconds, reason));
                if (attempt >= retries)
                {
                    throw new HttpRequestException(HttpRequestError.ConnectionError, $"cannot connect to {endpoint.Host}:{endpoint.Port} ({reason}) after {attempt + 1} tries", ex);
                }
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }
}
