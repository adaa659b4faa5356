namespace Gateway.Plugins.FileLog.Writing;

/// <summary>Tuning for <see cref="FileLogWriter"/>; the defaults are what the plugin uses.</summary>
internal sealed record FileLogWriterOptions
{
    /// <summary>Entries waiting per file before <c>LogAsync</c> starts to wait. Bounded by count, so the memory
    /// held is about this many entries (a few KB each, more with payload logging).</summary>
    public int QueueCapacity { get; init; } = 1024;

    /// <summary>The most entries per write call; well under Linux's IOV_MAX of 1024.</summary>
    public int MaxBatchEntries { get; init; } = 256;

    /// <summary>The shortest time between two error lines for the same file.</summary>
    public TimeSpan ErrorInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Opens a file; tests substitute one that blocks or fails.</summary>
    public Func<string, IAppendFile> Open { get; init; } = AppendFile.Open;
}
