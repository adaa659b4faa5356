using System.Collections.Concurrent;
using System.Text;
using Gateway.Plugins.FileLog.Writing;

namespace Gateway.Plugins.FileLog.Tests.Support;

/// <summary>An in-memory file whose writes block until the test opens the gate: stalls the writer loop on demand.</summary>
internal sealed class GatedAppendFile : IAppendFile
{
    private readonly ManualResetEventSlim _gate = new(initialState: false);
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>Completes when the writer is blocked inside its first write.</summary>
    public Task Entered => _entered.Task;

    public void Open() => _gate.Set();

    public bool IsDeleted => false;

    public void Append(IReadOnlyList<ReadOnlyMemory<byte>> lines, CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        _gate.Wait(TimeSpan.FromSeconds(30), CancellationToken.None);
        foreach (var line in lines)
        {
            Lines.Enqueue(Encoding.UTF8.GetString(line.Span).TrimEnd('\n'));
        }
    }

    public void Dispose()
    {
        // Reopened per batch by some tests; the gate outlives the "file".
    }
}
