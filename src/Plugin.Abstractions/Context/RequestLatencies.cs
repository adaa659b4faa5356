namespace Gateway.Plugins;

/// <summary>
/// How long one request took, as its log entry's <c>latencies</c> reports it (Kong's <c>latencies.request</c>,
/// <c>latencies.kong</c> and <c>latencies.proxy</c>). Complete only in the log phase.
/// </summary>
/// <param name="Request">From the gateway receiving the request to the end of its response.</param>
/// <param name="Gateway">The gateway's own time: until the request was sent upstream, or the whole request when it
/// never was (Kong's <c>latencies.kong</c>).</param>
/// <param name="Upstream">From sending the request upstream to the upstream's response headers (Kong's
/// <c>latencies.proxy</c>); null when no upstream answered.</param>
public readonly record struct RequestLatencies(TimeSpan Request, TimeSpan Gateway, TimeSpan? Upstream);
