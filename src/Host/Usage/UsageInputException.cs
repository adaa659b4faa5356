namespace Gateway.Host.Usage;

/// <summary>A log that cannot be read (missing, unreadable, corrupt gzip): one <c>error:</c> line and exit 1.</summary>
internal sealed class UsageInputException(string message) : Exception(message);
