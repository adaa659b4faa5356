using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Gateway.Bench.LoadGen.Diagnostics;

/// <summary>
/// Bytes the gateway process allocated during a phase, read from the runtime's own counters without touching the
/// gateway: an EventPipe session (the diagnostics IPC socket every .NET process opens) enables the
/// <c>System.Runtime</c> EventCounters and sums <c>alloc-rate</c> increments, which are deltas of
/// <c>GC.GetTotalAllocatedBytes()</c> from the moment the session enabled them. The same thing dotnet-counters
/// shows, in-process. Stop after the phase has ended plus one interval, so the last increment is included.
/// </summary>
internal sealed class AllocationMeter : IAsyncDisposable
{
    public const double IntervalSeconds = 0.25;

    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _processing;
    private readonly TaskCompletionSource _firstCounter = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private double _allocated;
    private int _reports;

    private AllocationMeter(EventPipeSession session)
    {
        _session = session;
        _source = new EventPipeEventSource(session.EventStream);
        _source.Dynamic.All += OnEvent;
        _processing = Task.Factory.StartNew(() =>
        {
            try
            {
                _source.Process();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or EndOfStreamException)
            {
                // The session ended under us.
            }
        }, TaskCreationOptions.LongRunning);
    }

    /// <summary>Bytes allocated since the session started, as reported so far.</summary>
    public double AllocatedBytes => Volatile.Read(ref _allocated);

    public int Reports => Volatile.Read(ref _reports);

    public static async Task<AllocationMeter> StartAsync(int processId)
    {
        var client = new DiagnosticsClient(processId);
        var provider = new EventPipeProvider("System.Runtime", EventLevel.Informational, 0,
            new Dictionary<string, string> { ["EventCounterIntervalSec"] = IntervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var session = await client.StartEventPipeSessionAsync([provider], requestRundown: false, circularBufferMB: 16, CancellationToken.None);
        var meter = new AllocationMeter(session);
        // The first report proves the counters run; its increment already counts from the session's start.
        await Task.WhenAny(meter._firstCounter.Task, Task.Delay(TimeSpan.FromSeconds(3)));
        return meter;
    }

    private void OnEvent(TraceEvent data)
    {
        if (data.EventName != "EventCounters" || data.PayloadValue(0) is not IDictionary<string, object> outer
            || !outer.TryGetValue("Payload", out var inner) || inner is not IDictionary<string, object> payload)
        {
            return;
        }

        if (payload.TryGetValue("Name", out var name) && (string)name == "alloc-rate"
            && payload.TryGetValue("Increment", out var increment))
        {
            var value = Convert.ToDouble(increment, System.Globalization.CultureInfo.InvariantCulture);
            lock (_session)
            {
                _allocated += value;
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

        try
        {
            await _session.StopAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or IOException or TimeoutException)
        {
        }

        await Task.WhenAny(_processing, Task.Delay(TimeSpan.FromSeconds(5)));
        return AllocatedBytes;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _session.StopAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or IOException or TimeoutException or InvalidOperationException)
        {
        }

        _session.Dispose();
        _source.Dispose();
    }
}
