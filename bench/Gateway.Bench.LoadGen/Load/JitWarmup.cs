using System.Diagnostics;
using Gateway.Bench.LoadGen.Diagnostics;
using Gateway.Bench.LoadGen.Processes;

namespace Gateway.Bench.LoadGen.Load;

/// <summary>How a .NET column's warm-up ended: quiet (the JIT compiled nothing for <see cref="BenchOptions.JitQuietReports"/>
/// one-second reports in a row) or stopped by the cap, after how long, and with how many methods compiled.</summary>
internal sealed record JitWarmupResult(bool Quiet, TimeSpan Elapsed, long MethodsJitted, double JitMilliseconds, long Requests, int Errors, string? FirstError, string? Problem)
{
    public string Describe(string title) => Problem is not null
        ? $"{title}: JIT not watched ({Problem}), warmed {Elapsed.TotalSeconds:0.#} s at c=64"
        : Quiet
            ? $"{title}: JIT quiet after {Elapsed.TotalSeconds:0.#} s at c=64, {MethodsJitted:#,0} methods jitted ({JitMilliseconds:#,0} ms in the JIT during warm-up)"
            : $"{title}: JIT NOT quiet when the cap ended the warm-up after {Elapsed.TotalSeconds:0.#} s at c=64, {MethodsJitted:#,0} methods jitted and still compiling ({JitMilliseconds:#,0} ms in the JIT during warm-up)";
}

/// <summary>
/// Warms a .NET process with closed-loop c=64 load of one request until its JIT is quiet, read from its runtime's
/// counters (<see cref="JitMeter"/>), or until a cap. On one pinned core a fixed request count ends while tiered
/// PGO is still recompiling, so the column would be measured partly in tier-0 code.
/// </summary>
internal static class JitWarmup
{
    /// <summary>Load runs in slices this long; the quiet check runs between them.</summary>
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan FirstReportGrace = TimeSpan.FromSeconds(5);

    public static async Task<JitWarmupResult> RunAsync(Target target, byte[] request, BenchOptions o, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        long requests = 0;
        var errors = 0;
        string? firstError = null;

        async Task LoadSliceAsync()
        {
            var r = await LoadRunner.ClosedLoopAsync(target, request, 64, TimeSpan.Zero, Slice, ct);
            requests += r.Completed;
            errors += r.Errors;
            firstError ??= r.FirstError;
        }

        JitMeter meter;
        try
        {
            meter = await JitMeter.StartAsync(target.Process!.Id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Without the counters, load for the whole cap: too long rather than too short.
            while (Stopwatch.GetElapsedTime(started) < o.JitWarmupCap)
            {
                await LoadSliceAsync();
            }

            return new JitWarmupResult(false, Stopwatch.GetElapsedTime(started), -1, double.NaN, requests, errors, firstError, ex.GetBaseException().Message);
        }

        await using (meter)
        {
            // EventPipe delivers the first report a second or two late; past the cap, load goes on until it came,
            // so even a --quick run says how many methods the column had compiled.
            // The floor: a column whose counters stood still within seconds of the load's start (seen on a loaded
            // single core: the forwarder "quiet" after 9.6 s with 16 ms in the JIT, the 1-route gateway after 5.6 s)
            // had not begun its tier-up yet rather than finished it.
            while ((meter.UnchangedReports < o.JitQuietReports || Stopwatch.GetElapsedTime(started) < o.JitWarmupMinimum)
                && (Stopwatch.GetElapsedTime(started) < o.JitWarmupCap || (meter.MethodsJitted < 0 && Stopwatch.GetElapsedTime(started) < o.JitWarmupCap + FirstReportGrace)))
            {
                await LoadSliceAsync();
            }

            return new JitWarmupResult(meter.UnchangedReports >= o.JitQuietReports, Stopwatch.GetElapsedTime(started), meter.MethodsJitted,
                meter.JitMilliseconds, requests, errors, firstError, meter.MethodsJitted < 0 ? "no counter report" : null);
        }
    }
}
