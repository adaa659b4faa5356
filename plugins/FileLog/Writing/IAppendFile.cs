namespace Gateway.Plugins.FileLog.Writing;

/// <summary>An open log file that only ever grows at its end.</summary>
internal interface IAppendFile : IDisposable
{
    /// <summary>Whether the open file was deleted (it has no name left), so what is written can never be read.</summary>
    bool IsDeleted { get; }

    /// <summary>Appends the lines, unbuffered: when it returns the bytes are in the operating system's cache,
    /// where another reader or a crash of this process sees them. A regular file gets one gathered write.</summary>
    /// <param name="lines">Complete lines.</param>
    /// <param name="cancellationToken">Ends a wait on a pipe whose reader stopped reading (at shutdown).</param>
    /// <exception cref="AppendFailedException">Some lines did not reach the file; says how many did.</exception>
    void Append(IReadOnlyList<ReadOnlyMemory<byte>> lines, CancellationToken cancellationToken);
}
