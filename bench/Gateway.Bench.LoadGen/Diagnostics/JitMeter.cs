using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Gateway.Bench.LoadGen.Diagnostics;

/// <summary>
/// Whether a .NET process is still compiling, read as <see cref="AllocationMeter"/> reads allocations: an EventPipe
/// session on the <c>System.Runtime</c> EventCounters, here <c>methods-jitted-count</c> (every compilation, tier-0,
/// OSR and the tier-1/PGO recompilations alike) and <c>time-in-jit</c> (ms spent in the JIT per interval). Tiered
/// PGO keeps recompiling hot methods for tens of seconds of load, so a fixed request count does not say the code
/// measured is the code that will run; an unchanged count over several intervals does.
/// </summary>
internal sealed class JitMeter : IAsyncDisposable
{
    public const double IntervalSeconds = 1;

    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _processing;
    private readonly Lock _lock = new();
    private long _methods = -1;
    private int _unchangedReports;
    private double _jitMs;

    private JitMeter(EventPipeSession session)
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

    /// <summary>The last <c>methods-jitted-count</c> reported, or -1 before the first report.</summary>
    public long MethodsJitted
    {
        get
        {
            lock (_lock)
            {
                return _methods;
            }
        }
    }

    /// <summary>Consecutive reports in which neither the method count grew nor any time was spent in the JIT.</summary>
    public int UnchangedReports
    {
        get
        {
            lock (_lock)
            {
                return _unchangedReports;
            }
        }
    }

    /// <summary>Milliseconds in the JIT since the session started.</summary>
    public double JitMilliseconds
    {
        get
        {
            lock (_lock)
            {
                return _jitMs;
            }
        }
    }

    public static async Task<JitMeter> StartAsync(int processId)
    {
        var client = new DiagnosticsClient(processId);
        var provider = new EventPipeProvider("System.Runtime", EventLevel.Informational, 0,
            new Dictionary<string, string> { ["EventCounterIntervalSec"] = IntervalSeconds.ToString(CultureInfo.InvariantCulture) });
        var session = await client.StartEventPipeSessionAsync([provider], requestRundown: false, circularBufferMB: 16, CancellationToken.None);
        return new JitMeter(session);
    }

    private void OnEvent(TraceEvent data)
    {
        if (data.EventName != "EventCounters" || data.PayloadValue(0) is not IDictionary<string, object> outer
            || !outer.TryGetValue("Payload", out var inner) || inner is not IDictionary<string, object> payload
            || !payload.TryGetValue("Name", out var name))
        {
            return;
        }

        switch ((string)name)
        {
            // A polling counter: the count itself, as Mean.
            case "methods-jitted-count" when payload.TryGetValue("Mean", out var mean):
                var methods = (long)Convert.ToDouble(mean, CultureInfo.InvariantCulture);
                lock (_lock)
                {
                    _unchangedReports = methods == _methods ? _unchangedReports + 1 : 0;
                    _methods = methods;
                }

                break;
            // An incrementing counter: ms in the JIT during the interval. Time spent resets the quiet streak even
            // when the count happens to be read before the compilation that took it completes.
            case "time-in-jit" when payload.TryGetValue("Increment", out var increment):
                var ms = Convert.ToDouble(increment, CultureInfo.InvariantCulture);
                lock (_lock)
                {
                    _jitMs += ms;
                    if (ms > 0)
                    {
                        _unchangedReports = 0;
                    }
                }

                break;
        }
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

        await Task.WhenAny(_processing, Task.Delay(TimeSpan.FromSeconds(5)));
        _session.Dispose();
        _source.Dispose();
    }
}
