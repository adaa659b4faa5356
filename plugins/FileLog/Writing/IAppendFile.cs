namespace Gateway.Plugins.FileLog.Writing;

/// <summary>An open log file that only ever grows at its end.</summary>
internal interface IAppendFile : IDisposable
{
    /// <summary>Appends the lines with one write call (a gathered write), unbuffered: when it returns the bytes
    /// are in the operating system's cache, where another reader or a crash of this process sees them.</summary>
    /// <param name="lines">Complete lines.</param>
    void Append(IReadOnlyList<ReadOnlyMemory<byte>> lines);
}
