using Microsoft.Extensions.Logging;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>The declarative config's warnings, logged once at startup (source-generated like the host's other messages).</summary>
internal static partial class ConfigWarningLog
{
    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Config: {Warning}")]
    public static partial void Warning(ILogger logger, string warning);
}
