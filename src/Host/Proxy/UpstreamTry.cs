namespace Gateway.Host.Proxy;

/// <summary>One attempt to get a request to the upstream (Kong's <c>tries[]</c> entry).</summary>
/// <param name="StartedAtMs">Unix time in ms when the attempt started (<c>balancer_start</c>).</param>
/// <param name="Host">The target's address: the connection's IP, or the host name when no connection was made.</param>
/// <param name="Port">The target port.</param>
/// <param name="LatencyMs">How long getting the request onto a connection took, in ms (<c>balancer_latency</c>):
/// the connect for a new connection, about 0 for a kept-alive one, the connect attempt for a failed try.</param>
/// <param name="Failure">Why it failed, or null for the try that carried the request.</param>
internal sealed record UpstreamTry(long StartedAtMs, string Host, int Port, double LatencyMs, string? Failure);

/// <summary>Every connect attempt to the upstream failed (Kong's <c>retries</c> exhausted). SocketsHttpHandler
/// hands it, wrapped, to the request that opened the connection, which records the attempts as its tries.</summary>
internal sealed class UpstreamConnectException(string host, int port, string reason, IReadOnlyList<UpstreamTry> attempts, Exception inner)
    : IOException($"cannot connect to {host}:{port} ({reason}) after {attempts.Count} tries", inner)
{
    /// <summary>The last attempt's failure, e.g. <c>ConnectionRefused</c> or <c>connect timeout</c>.</summary>
    public string Reason => reason;

    public IReadOnlyList<UpstreamTry> Attempts => attempts;

    /// <summary>The connect failure behind <paramref name="exception"/> (SocketsHttpHandler wraps it), if it is one.</summary>
    public static UpstreamConnectException? In(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is UpstreamConnectException connect)
            {
                return connect;
            }

            if (e is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(In).FirstOrDefault(c => c is not null);
            }
        }

        return null;
    }
}
