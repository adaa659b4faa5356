using Microsoft.Extensions.Logging;

namespace Gateway.Host.Status;

internal static partial class StatusLog
{
    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Status listener on {Addresses}: /status, /status/ready{PluginPaths}")]
    public static partial void Listening(ILogger logger, string addresses, string pluginPaths);

    [LoggerMessage(EventId = 41, Level = LogLevel.Error, Message = "Status endpoint {Path} failed")]
    public static partial void EndpointFailed(ILogger logger, string path, Exception exception);
}
