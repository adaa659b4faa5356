using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;

namespace Gateway.Host.Listening;

/// <summary>
/// The proxy listener's connection limits, with nginx's (Kong's) defaults instead of Kestrel's: a connection that
/// sends nothing, or stops half-way through its headers, is closed after 60 s (Kestrel holds an idle connection 130 s),
/// and at most 16,384 connections are open at once (Kestrel has no cap; Kong's nginx uses one worker_connections
/// table of that size). Each can be changed with ASP.NET Core's own configuration keys, on the command line or in the
/// environment: <c>--Kestrel:Limits:KeepAliveTimeout=00:02:00</c>, <c>Kestrel__Limits__MaxConcurrentConnections=50000</c>.
/// </summary>
internal static class ListenerLimits
{
    public static readonly TimeSpan DefaultKeepAliveTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultRequestHeadersTimeout = TimeSpan.FromSeconds(60);
    public const long DefaultMaxConcurrentConnections = 16_384;

    public static void Apply(KestrelServerLimits limits, IConfiguration configuration)
    {
        var section = configuration.GetSection("Kestrel:Limits");
        limits.KeepAliveTimeout = section.GetValue(nameof(limits.KeepAliveTimeout), DefaultKeepAliveTimeout);
        limits.RequestHeadersTimeout = section.GetValue(nameof(limits.RequestHeadersTimeout), DefaultRequestHeadersTimeout);
        limits.MaxConcurrentConnections = section.GetValue<long?>(nameof(limits.MaxConcurrentConnections), DefaultMaxConcurrentConnections);
        // Like Kong (client_max_body_size 0): bodies stream through unbounded; a plugin that buffers one sets its own
        // limit (ai-proxy's max_request_body_size).
        limits.MaxRequestBodySize = section.GetValue<long?>(nameof(limits.MaxRequestBodySize), null);
    }
}
