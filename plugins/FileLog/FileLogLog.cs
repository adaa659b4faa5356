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

    [LoggerMessage(4, LogLevel.Warning,
        "file-log dropped {DroppedEntries} log entries for {Path} since the last report: its queue of {Capacity} "
        + "entries stayed full for {WaitMilliseconds} ms because the file does not take writes (a pipe whose reader stopped, a slow "
        + "disk); new entries are dropped until it does (on_queue_full: drop; this warning repeats at most once per {Interval})")]
    public static partial void EntriesDropped(
        ILogger logger, long droppedEntries, string path, int capacity, long waitMilliseconds, TimeSpan interval);

    [LoggerMessage(5, LogLevel.Warning,
        "file-log queue for {Path} takes entries again; {DroppedEntries} more log entries were dropped since the last report")]
    public static partial void DroppingEnded(ILogger logger, string path, long droppedEntries);

    [LoggerMessage(6, LogLevel.Warning,
        "file-log writes to {Path}, but that file was deleted: entries written from now on cannot be read. "
        + "Restart the gateway to create it again, or set reopen: true to follow deletion and rotation")]
    public static partial void FileDeleted(ILogger logger, string path);

    [LoggerMessage(7, LogLevel.Error,
        "file-log gave up waiting for {Path} at shutdown after {Timeout}: it does not take writes. A pipe or FIFO whose "
        + "reader stopped is abandoned now and the entries still queued for it are counted as lost; a regular file is written out")]
    public static partial void ShutdownStalled(ILogger logger, string path, TimeSpan timeout);
}
