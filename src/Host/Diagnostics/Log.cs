using Gateway.Host.Pipeline;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Diagnostics;

/// <summary>The host's log messages, source-generated so the request path pays nothing when a level is off.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Plugin '{Plugin}' failed in the {Phase} phase of request {RequestId}")]
    public static partial void PluginFailed(ILogger logger, string plugin, string phase, string requestId, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Request {RequestId} failed upstream ({Target}, status {Status}): {Reason}")]
    public static partial void UpstreamFailed(ILogger logger, string requestId, string target, int status, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Request {RequestId} failed in the gateway")]
    public static partial void RequestFailed(ILogger logger, string requestId, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Plugin order: {Order}")]
    public static partial void PluginOrder(ILogger logger, string order);

    // Same wording as PluginDescription.ToString, which check prints.
    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Plugin {Name} {Version}: priority {Priority}, phases {Phases}, assembly {AssemblyPath}, contract {Contract}")]
    public static partial void PluginLoaded(ILogger logger, string name, string version, int priority, string phases, string assemblyPath, string contract);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Loaded {Services} services, {Routes} routes and {Plugins} plugin instances from {Sources}")]
    public static partial void ConfigLoaded(ILogger logger, int services, int routes, int plugins, string sources);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "Request {RequestId}: the {Direction} header '{Header}' holds CR, LF or NUL ({Source}); answered {Status} instead of sending it")]
    public static partial void UnsafeHeader(ILogger logger, string requestId, string direction, string header, string source, int status);


    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Request {RequestId} failed on the client's side (status {Status}): {Reason}")]
    public static partial void ClientFailed(ILogger logger, string requestId, int status, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Request {RequestId}: what the failure threw")]
    public static partial void FailureDetail(ILogger logger, string requestId, Exception exception);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Request {RequestId}: the response was cut after status {Status} was sent: {Reason}")]
    public static partial void ResponseCut(ILogger logger, string requestId, int status, string reason);

    /// <summary>
    /// The gateway's one line about a request that failed, from its <see cref="RequestOutcome"/>: a warning when
    /// the upstream failed, information when the client did (its own doing, nothing to fix here), with the reason
    /// and no stack trace; the exception follows at debug level only. Gateway failures are logged where they
    /// happen, with their stack trace, because they are bugs; when one cut a response already under way, a warning
    /// follows saying so (the log entry can only record the status sent). YARP's own forwarding errors are filtered out
    /// (GatewayApp) so that a cut stream is one line, not a warning with a stack trace from each side.
    /// </summary>
    public static void Outcome(ILogger logger, RequestContext context)
    {
        if (context.Outcome is { Blame: Blame.Gateway, Response: null } cut && context.HttpContext.Response.HasStarted)
        {
            // The failure itself was logged where it happened; this says what the client was left with, which the
            // log entry's status (the one sent) cannot.
            ResponseCut(logger, context.RequestId, cut.Status, cut.Reason);
            return;
        }

        if (context.Outcome is not { Blame: Blame.Client or Blame.Upstream } outcome)
        {
            return;
        }

        if (outcome.Blame == Blame.Upstream)
        {
            UpstreamFailed(logger, context.RequestId, $"{context.Upstream.Host}:{context.Upstream.Port}", outcome.Status, outcome.Reason);
        }
        else
        {
            ClientFailed(logger, context.RequestId, outcome.Status, outcome.Reason);
        }

        if (outcome.Exception is not null)
        {
            FailureDetail(logger, context.RequestId, outcome.Exception);
        }
    }
}
