using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Gateway.Host.Configuration.Model;
using Gateway.Host.Pipeline;

namespace Gateway.Host.Proxy;

/// <summary>
/// One connection pool per service, with the service's connect timeout and Kong's connect retries: a refused or
/// timed-out connect is tried again up to <c>retries</c> times before the request fails with 502. Retrying only the
/// connect keeps retries safe for requests with bodies, which are never sent twice. Every request records its tries
/// (<see cref="UpstreamAttempts"/>), on a new connection or a kept-alive one.
/// </summary>
internal static class UpstreamClientFactory
{
    internal static readonly HttpRequestOptionsKey<RequestContext> ContextKey = new("gateway.request");

    public static HttpMessageInvoker Create(ServiceEntity service)
    {
        var connector = new Connector(service.Retries, TimeSpan.FromMilliseconds(service.ConnectTimeout));
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = null,
            // Without these HttpClient refuses a client's non-ASCII header value (a 502 blamed on nobody's fault
            // upstream); Latin-1 sends each byte as the client sent it, as nginx does.
            RequestHeaderEncodingSelector = static (_, _) => System.Text.Encoding.Latin1,
            ResponseHeaderEncodingSelector = static (_, _) => System.Text.Encoding.Latin1,
            // The callback enforces the per-attempt timeout; this only bounds all attempts together.
            ConnectTimeout = connector.AttemptTimeout * (service.Retries + 1) + TimeSpan.FromSeconds(1),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            ConnectCallback = connector.ConnectAsync,
            PlaintextStreamFilter = connector.Filter,
        };
        return new HttpMessageInvoker(new TryRecorder(handler, connector), disposeHandler: true);
    }

    /// <summary>Opens connections (with the retries) and hands each to the request that uses it.</summary>
    private sealed class Connector(int retries, TimeSpan attemptTimeout)
    {
        private volatile string? _lastAddress;

        public TimeSpan AttemptTimeout => attemptTimeout;

        /// <summary>The address of the newest connection: where a request sharing a multiplexed one went.</summary>
        public string? LastAddress => _lastAddress;

        public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
        {
            var endpoint = context.DnsEndPoint;
            var failed = new List<UpstreamTry>();
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
                    var address = socket.RemoteEndPoint is IPEndPoint remote ? Plain(remote.Address).ToString() : endpoint.Host;
                    _lastAddress = address;
                    // Held by the request that triggered the connect until the protocol is known (PlaintextStreamFilter).
                    if (UpstreamAttempts.Of(context.InitialRequestMessage) is { } initiator)
                    {
                        initiator.Opening = new UpstreamConnection(address, endpoint.Port, failed);
                    }

                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    socket.Dispose();
                    var reason = ex is SocketException se ? se.SocketErrorCode.ToString() : "connect timeout";
                    failed.Add(new UpstreamTry(startedAt, endpoint.Host, endpoint.Port, Stopwatch.GetElapsedTime(started).TotalMilliseconds, reason));
                    if (attempt >= retries)
                    {
                        throw new UpstreamConnectException(endpoint.Host, endpoint.Port, reason, failed, ex);
                    }
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }
        }

        public ValueTask<Stream> Filter(SocketsHttpPlaintextStreamFilterContext context, CancellationToken cancellationToken)
        {
            var initiator = UpstreamAttempts.Of(context.InitialRequestMessage);
            var connection = initiator?.Opening;
            if (initiator is null || connection is null)
            {
                return ValueTask.FromResult(context.PlaintextStream);
            }

            initiator.Opening = null;
            if (context.NegotiatedHttpVersion.Major >= 2)
            {
                // Requests share an HTTP/2 connection and its frames are written from one loop, so no write tells
                // which request it carries: the connection is charged to the request that opened it.
                initiator.PlacedOn(connection);
                return ValueTask.FromResult(context.PlaintextStream);
            }

            return ValueTask.FromResult<Stream>(new PlacingStream(context.PlaintextStream, connection));
        }

        private static IPAddress Plain(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    /// <summary>Gives each request its <see cref="UpstreamAttempts"/> and stores its tries in the request context.</summary>
    private sealed class TryRecorder(HttpMessageHandler inner, Connector connector) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.Options.TryGetValue(ContextKey, out var context))
            {
                return await base.SendAsync(request, cancellationToken);
            }

            if (context.BufferedBody is { } body && request.Content is { } streamed)
            {
                // YARP refuses a replaced content in its transform, so the swap happens here, below it; YARP's own
                // content then never starts, which YARP treats as a body it did not have to copy.
                var buffered = new BufferedRequestContent(body, streamed.Headers);
                request.Content = buffered;
                context.SendingBodyWith(buffered);
            }

            var uri = request.RequestUri!;
            var attempts = new UpstreamAttempts(uri.IdnHost, uri.Port);
            attempts.BeginSending(request);
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (Exception ex) when (UpstreamConnectException.In(ex) is { } failure)
            {
                attempts.ConnectFailed(failure.Attempts);
                throw;
            }
            finally
            {
                context.RecordTries(attempts.Complete(connector.LastAddress));
            }
        }
    }
}
