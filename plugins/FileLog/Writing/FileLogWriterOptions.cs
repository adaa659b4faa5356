namespace Gateway.Plugins.FileLog.Writing;

/// <summary>Tuning for <see cref="FileLogWriter"/>; the defaults are what the plugin uses.</summary>
internal sealed record FileLogWriterOptions
{
    /// <summary>Entries waiting per file before the queue counts as full. Bounded by count, so the memory held is
    /// about this many entries (a few KB each, more with payload logging).</summary>
    public int QueueCapacity { get; init; } = 1024;

    /// <summary>The most entries per write call; well under Linux's IOV_MAX of 1024.</summary>
    public int MaxBatchEntries { get; init; } = 256;

    /// <summary>The shortest time between two error (or drop) lines for the same file.</summary>
    public TimeSpan ErrorInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>With <c>on_queue_full: drop</c>, the longest a request's log phase waits for room in a full queue
    /// before its entry is dropped. Once one wait ran out, entries are dropped at once until the queue takes one
    /// again, so a stalled sink costs a keep-alive connection this delay once, not on every request.</summary>
    public TimeSpan FullQueueWait { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long shutdown waits for a pipe whose reader stopped reading before the queued entries are
    /// counted as lost; a regular file is always written out.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The shortest time between two looks at whether a file kept open under <c>reopen: false</c> was
    /// deleted (one <c>statx</c> each); the first batch is always looked at.</summary>
    public TimeSpan DeletedCheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Opens a file; tests substitute one that blocks or fails.</summary>
    public Func<string, IAppendFile> Open { get; init; } = AppendFile.Open;
}
