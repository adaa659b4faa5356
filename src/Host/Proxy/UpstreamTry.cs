namespace Gateway.Host.Proxy;

/// <summary>One attempt to reach the upstream (Kong's <c>tries[]</c> entry).</summary>
/// <param name="StartedAtMs">Unix time in ms when the attempt started (<c>balancer_start</c>).</param>
/// <param name="Host">The target host.</param>
/// <param name="Port">The target port.</param>
/// <param name="LatencyMs">How long connecting took, in ms (<c>balancer_latency</c>).</param>
/// <param name="Failure">Why it failed, or null for the try that carried the request.</param>
internal sealed record UpstreamTry(long StartedAtMs, string Host, int Port, double LatencyMs, string? Failure);
