namespace Gateway.Bench.LoadGen.Diagnostics;

/// <summary>
/// Bytes the gateway process allocated during a phase, read from the runtime's own counters without touching the
/// gateway (a <see cref="RuntimeCounterSession"/>): it sums <c>alloc-rate</c> increments, which are deltas of
/// <c>GC.GetTotalAllocatedBytes()</c> from the moment the session enabled them. The same thing dotnet-counters
/// shows, in-process. Stop after the phase has ended plus one interval, so the last increment is included.
/// </summary>
internal sealed class AllocationMeter : IAsyncDisposable
{
    public const double IntervalSeconds = 0.25;

    private readonly TaskCompletionSource _firstCounter = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private RuntimeCounterSession? _session;
    private double _allocated;
    private int _reports;

    /// <summary>Bytes allocated since the session started, as reported so far.</summary>
    public double AllocatedBytes => Volatile.Read(ref _allocated);

    public int Reports => Volatile.Read(ref _reports);

    public static async Task<AllocationMeter> StartAsync(int processId)
    {
        var meter = new AllocationMeter();
        meter._session = await RuntimeCounterSession.StartAsync(processId, IntervalSeconds, meter.OnReport);
        // The first report proves the counters run; its increment already counts from the session's start.
        await Task.WhenAny(meter._firstCounter.Task, Task.Delay(TimeSpan.FromSeconds(3)));
        return meter;
    }

    private void OnReport(string counter, IDictionary<string, object> payload)
    {
        if (counter == "alloc-rate" && RuntimeCounterSession.TryGetNumber(payload, "Increment", out var increment))
        {
            lock (_lock)
            {
                _allocated += increment;
            }

            Interlocked.Increment(ref _reports);
            _firstCounter.TrySetResult();
        }
    }

    /// <summary>Waits for the reports that cover everything up to now, then ends the session.</summary>
    public async Task<double> StopAsync()
    {
        var reports = Reports;
        var deadline = DateTime.UtcNow.AddSeconds(IntervalSeconds * 6 + 1);
        while (Reports < reports + 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(IntervalSeconds / 2));
        }

        await _session!.StopAsync();
        return AllocatedBytes;
    }

    public ValueTask DisposeAsync() => _session?.DisposeAsync() ?? ValueTask.CompletedTask;
}
