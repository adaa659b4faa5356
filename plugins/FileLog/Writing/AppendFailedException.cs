namespace Gateway.Plugins.FileLog.Writing;

/// <summary>
/// A write that failed part-way, with how much of the batch is whole in the file, so the writer can count exactly
/// the entries that are lost and knows whether the next entry must start on a fresh line.
/// </summary>
internal sealed class AppendFailedException : IOException
{
    public AppendFailedException(string reason, int wholeLines, bool tornTail)
        : base(reason)
    {
        WholeLines = wholeLines;
        TornTail = tornTail;
    }

    public AppendFailedException()
        : base()
    {
    }

    public AppendFailedException(string message)
        : base(message)
    {
    }

    public AppendFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The leading lines of the batch that are complete in the file.</summary>
    public int WholeLines { get; }

    /// <summary>A partial line is left at the end (it could not be cut off): the next write must begin with a
    /// line break, or that fragment and the next entry would fuse into one unreadable line.</summary>
    public bool TornTail { get; }
}
