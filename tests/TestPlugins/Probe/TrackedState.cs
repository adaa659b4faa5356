namespace Gateway.TestPlugins.Probe;

/// <summary>Per-request state the host must dispose asynchronously (preferred over Dispose) after the log phase;
/// it records each call, so a test sees it happened once and after log.</summary>
internal sealed class TrackedAsyncState : IAsyncDisposable, IDisposable
{
    public string? Label { get; set; }

    public bool Throws { get; set; }

    public ValueTask DisposeAsync()
    {
        ProbeRecorder.Record(Label!);
        return Throws ? throw new InvalidOperationException("probe state refuses to be disposed, as configured") : ValueTask.CompletedTask;
    }

    public void Dispose() => ProbeRecorder.Record(Label!.Replace(":dispose-async:", ":dispose-sync-on-async-state:", StringComparison.Ordinal));
}

/// <summary>Per-request state that is only <see cref="IDisposable"/>.</summary>
internal sealed class TrackedSyncState : IDisposable
{
    public string? Label { get; set; }

    public void Dispose() => ProbeRecorder.Record(Label!);
}
