using Microsoft.Extensions.Logging;

namespace Gateway.Host.Diagnostics;

/// <summary>The host's log messages, source-generated so the request path pays nothing when a level is off.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Plugin '{Plugin}' failed in the {Phase} phase of request {RequestId}")]
    public static partial void PluginFailed(ILogger logger, string plugin, string phase, string requestId, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Upstream error {Error} for request {RequestId} to {Target}: {Reason}")]
    public static partial void UpstreamFailed(ILogger logger, string error, string requestId, string target, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Request {RequestId} failed in the gateway")]
    public static partial void RequestFailed(ILogger logger, string requestId, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Plugin order: {Order}")]
    public static partial void PluginOrder(ILogger logger, string order);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Request {RequestId}: the request body could not be read: {Reason}")]
    public static partial void ClientBodyFailed(ILogger logger, string requestId, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Loaded {Services} services, {Routes} routes and {Plugins} plugin instances from {Sources}")]
    public static partial void ConfigLoaded(ILogger logger, int services, int routes, int plugins, string sources);

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "Request {RequestId}: the {Direction} header '{Header}' holds CR, LF or NUL ({Source}); answered {Status} instead of sending it")]
    public static partial void UnsafeHeader(ILogger logger, string requestId, string direction, string header, string source, int status);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Request {RequestId} refused with {Status}: {Reason}")]
    public static partial void RequestRefused(ILogger logger, string requestId, int status, string reason);
}
