namespace Gateway.Bench.LoadGen.Diagnostics;

/// <summary>
/// Whether a .NET process is still compiling, read as <see cref="AllocationMeter"/> reads allocations (a
/// <see cref="RuntimeCounterSession"/>), here <c>methods-jitted-count</c> (every compilation, tier-0,
/// OSR and the tier-1/PGO recompilations alike) and <c>time-in-jit</c> (ms spent in the JIT per interval). Tiered
/// PGO keeps recompiling hot methods for tens of seconds of load, so a fixed request count does not say the code
/// measured is the code that will run; an unchanged count over several intervals does.
/// </summary>
internal sealed class JitMeter : IAsyncDisposable
{
    public const double IntervalSeconds = 1;

    private readonly Lock _lock = new();
    private RuntimeCounterSession? _session;
    private long _methods = -1;
    private int _unchangedReports;
    private double _jitMs;

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
        var meter = new JitMeter();
        meter._session = await RuntimeCounterSession.StartAsync(processId, IntervalSeconds, meter.OnReport);
        return meter;
    }

    private void OnReport(string counter, IDictionary<string, object> payload)
    {
        switch (counter)
        {
            // A polling counter: the count itself, as Mean.
            case "methods-jitted-count" when RuntimeCounterSession.TryGetNumber(payload, "Mean", out var mean):
                var methods = (long)mean;
                lock (_lock)
                {
                    _unchangedReports = methods == _methods ? _unchangedReports + 1 : 0;
                    _methods = methods;
                }

                break;
            // An incrementing counter: ms in the JIT during the interval. Time spent resets the quiet streak even
            // when the count happens to be read before the compilation that took it completes.
            case "time-in-jit" when RuntimeCounterSession.TryGetNumber(payload, "Increment", out var ms):
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

    public ValueTask DisposeAsync() => _session?.DisposeAsync() ?? ValueTask.CompletedTask;
}
