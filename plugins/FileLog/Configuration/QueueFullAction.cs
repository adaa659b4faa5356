namespace Gateway.Plugins.FileLog.Configuration;

/// <summary>What the log phase does when a file's queue is full because the file does not take writes fast
/// enough (<c>on_queue_full</c>; this gateway's option, Kong's file-log writes synchronously and has none).</summary>
internal enum QueueFullAction
{
    /// <summary>Wait a short bound, then drop the entry, count it and warn: clients never wait on the log.</summary>
    Drop,

    /// <summary>Wait for room however long it takes: no entry is dropped, but a stuck sink stalls every
    /// keep-alive connection once its log phase runs.</summary>
    Block,
}
