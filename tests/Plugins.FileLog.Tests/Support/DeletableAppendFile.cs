using Gateway.Plugins.FileLog.Writing;

namespace Gateway.Plugins.FileLog.Tests.Support;

/// <summary>An in-memory file that can be "deleted", and counts how often the writer asked whether it was.</summary>
internal sealed class DeletableAppendFile : IAppendFile
{
    private int _checks;

    public bool Deleted { get; set; }

    /// <summary>How many times <see cref="IsDeleted"/> was read (a <c>statx</c> each on the real file).</summary>
    public int Checks => Volatile.Read(ref _checks);

    public int Appends { get; private set; }

    public bool IsDeleted
    {
        get
        {
            Interlocked.Increment(ref _checks);
            return Deleted;
        }
    }

    public void Append(IReadOnlyList<ReadOnlyMemory<byte>> lines, CancellationToken cancellationToken) => Appends++;

    public void Dispose()
    {
    }
}
