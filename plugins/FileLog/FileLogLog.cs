using Microsoft.Extensions.Logging;

namespace Gateway.Plugins.FileLog;

/// <summary>The plugin's own diagnostics. Every line names the file, so an operator can act without a stack.</summary>
internal static partial class FileLogLog
{
    [LoggerMessage(1, LogLevel.Error,
        "file-log cannot write to {Path}: {Reason}. {LostEntries} log entries lost since the last report; "
        + "retrying with every batch (this error repeats at most once per {Interval})")]
    public static partial void WriteFailed(ILogger logger, string path, string reason, long lostEntries, TimeSpan interval);

    [LoggerMessage(2, LogLevel.Warning,
        "file-log writes to {Path} again; {LostEntries} more log entries were lost since the last error")]
    public static partial void Recovered(ILogger logger, string path, long lostEntries);

    [LoggerMessage(3, LogLevel.Error, "file-log lost a log entry for {Path}: the writer had already shut down")]
    public static partial void EntryAfterShutdown(ILogger logger, string path);
}
