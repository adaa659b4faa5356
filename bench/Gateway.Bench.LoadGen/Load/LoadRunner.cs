using System.Diagnostics;
using Gateway.Bench.LoadGen.Http;
using Gateway.Bench.LoadGen.Processes;

namespace Gateway.Bench.LoadGen.Load;

internal sealed record LatencyResult(Samples Latency, int Errors, string? FirstError);

internal sealed record ThroughputResult(double RequestsPerSecond, long Completed, int Errors, string? FirstError, Samples Latency);

internal sealed record StreamResult(Samples Ttft, Samples Gaps, Samples Total, int Streams, int Failed, int Stalled, double MaxGapMs, string? FirstError);

/// <summary>
/// The load generator. Closed loop: N workers, each on its own keep-alive connection, send the next request as soon
/// as the previous answer is read (wrk's model; it understates tails under saturation, see docs/performance.md).
/// Paced: one connection, requests on a fixed schedule, latency measured from the intended send time when the
/// previous answer made it late (coordinated-omission corrected, wrk2's model).
/// </summary>
internal static class LoadRunner
{
    /// <summary>Closed loop at concurrency 1 for a fixed number of requests.</summary>
    public static async Task<LatencyResult> SequentialAsync(Target target, byte[] request, int count, CancellationToken cancellationToken)
    {
        var samples = new Samples(count);
        var counter = new ByteCounter();
        using var connection = new RawHttpConnection(target.Endpoint);
        var errors = 0;
        string? firstError = null;
        for (var i = 0; i < count; i++)
        {
            counter.Reset();
            var started = Stopwatch.GetTimestamp();
            var error = await SendOnceAsync(connection, request, counter, cancellationToken);
            if (error is null && counter.Bytes == 0)
            {
                error = "empty body";
            }

            if (error is null)
            {
                samples.Add(Stopwatch.GetTimestamp() - started);
            }
            else
            {
                errors++;
                firstError ??= error;
            }
        }

        return new LatencyResult(samples, errors, firstError);
    }

    /// <summary>One connection, one request every <paramref name="intervalMicros"/>; a late start (the previous answer
    /// took longer than the interval) counts the wait in the latency.</summary>
    public static async Task<LatencyResult> PacedAsync(Target target, byte[] request, int count, double intervalMicros, CancellationToken cancellationToken)
    {
        var samples = new Samples(count);
        var counter = new ByteCounter();
        using var connection = new RawHttpConnection(target.Endpoint);
        var interval = (long)(intervalMicros * Stopwatch.Frequency / 1_000_000);
        var errors = 0;
        string? firstError = null;
        var origin = Stopwatch.GetTimestamp();
        var previousEnd = origin;
        for (var i = 0; i < count; i++)
        {
            var intended = origin + (i * interval);
            var now = Stopwatch.GetTimestamp();
            if (now < intended)
            {
                // Coarse sleep: the timer's lateness is not the server's, so it is not counted.
                var waitMs = (intended - now) * 1000.0 / Stopwatch.Frequency;
                if (waitMs >= 1)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(waitMs), cancellationToken);
                }
            }

            var sent = Stopwatch.GetTimestamp();
            var measuredFrom = previousEnd > intended ? intended : sent;
            counter.Reset();
            var error = await SendOnceAsync(connection, request, counter, cancellationToken);
            var end = Stopwatch.GetTimestamp();
            previousEnd = end;
            if (error is null && counter.Bytes > 0)
            {
                samples.Add(end - measuredFrom);
            }
            else
            {
                errors++;
                firstError ??= error ?? "empty body";
            }
        }

        return new LatencyResult(samples, errors, firstError);
    }

    /// <summary>Exactly <paramref name="count"/> requests, <paramref name="concurrency"/> at a time (for per-request
    /// costs such as allocations, where every request must fall inside the measurement).</summary>
    public static async Task<(long Completed, int Errors, string? FirstError)> FixedCountAsync(Target target, byte[] request, int concurrency, int count, CancellationToken cancellationToken)
    {
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var counter = new ByteCounter();
            using var connection = new RawHttpConnection(target.Endpoint);
            long completed = 0;
            var errors = 0;
            string? firstError = null;
            while (Interlocked.Increment(ref next) < count)
            {
                counter.Reset();
                var error = await SendOnceAsync(connection, request, counter, cancellationToken);
                if (error is null)
                {
                    completed++;
                }
                else
                {
                    errors++;
                    firstError ??= error;
                }
            }

            return (completed, errors, firstError);
        }, cancellationToken)).ToArray();
        var results = await Task.WhenAll(workers);
        return (results.Sum(r => r.completed), results.Sum(r => r.errors), results.Select(r => r.firstError).FirstOrDefault(e => e is not null));
    }

    /// <summary>Closed loop at <paramref name="concurrency"/>: a warmup, then the measured window.</summary>
    public static async Task<ThroughputResult> ClosedLoopAsync(Target target, byte[] request, int concurrency, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var measuring = 0;
        var stop = 0;
        var workers = new Task<(long Completed, int Errors, string? FirstError, Samples Samples)>[concurrency];
        for (var w = 0; w < concurrency; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                var samples = new Samples(4096);
                var counter = new ByteCounter();
                using var connection = new RawHttpConnection(target.Endpoint);
                long completed = 0;
                var errors = 0;
                string? firstError = null;
                while (Volatile.Read(ref stop) == 0)
                {
                    var started = Stopwatch.GetTimestamp();
                    counter.Reset();
                    var error = await SendOnceAsync(connection, request, counter, cancellationToken);
                    var inWindow = Volatile.Read(ref measuring) == 1 && Volatile.Read(ref stop) == 0;
                    if (!inWindow)
                    {
                        continue;
                    }

                    if (error is null && counter.Bytes > 0)
                    {
                        completed++;
                        samples.Add(Stopwatch.GetTimestamp() - started);
                    }
                    else
                    {
                        errors++;
                        firstError ??= error ?? "empty body";
                        if (!connection.IsConnected)
                        {
                            await Task.Delay(1, cancellationToken);
                        }
                    }
                }

                return (completed, errors, firstError, samples);
            }, cancellationToken);
        }

        await Task.Delay(warmup, cancellationToken);
        var windowStart = Stopwatch.GetTimestamp();
        Volatile.Write(ref measuring, 1);
        await Task.Delay(duration, cancellationToken);
        Volatile.Write(ref stop, 1);
        var windowEnd = Stopwatch.GetTimestamp();
        var results = await Task.WhenAll(workers);
        var all = new Samples(4096);
        long total = 0;
        var totalErrors = 0;
        string? first = null;
        foreach (var (completed, errors, firstError, samples) in results)
        {
            total += completed;
            totalErrors += errors;
            first ??= firstError;
            all.AddRange(samples);
        }

        var seconds = (windowEnd - windowStart) / (double)Stopwatch.Frequency;
        return new ThroughputResult(total / seconds, total, totalErrors, first, all);
    }

    /// <summary>
    /// <paramref name="streams"/> streaming requests, <paramref name="concurrency"/> at a time (each on its own
    /// connection, opened before the clock starts, starts spread over <paramref name="spreadMs"/>). A stream
    /// fails when it errors or ends short of <paramref name="expectedDeltas"/>; it stalls when two deltas are more
    /// than <paramref name="stallMs"/> apart.
    /// </summary>
    public static async Task<StreamResult> StreamsAsync(Target target, byte[] request, int concurrency, int streams, int expectedDeltas,
        double stallMs, double spreadMs, CancellationToken cancellationToken, Func<IStreamTimer>? newTimer = null)
    {
        newTimer ??= static () => new DeltaTimer();
        var stallTicks = Samples.MillisToTicks(stallMs);
        var next = -1;
        var connections = new RawHttpConnection[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            connections[i] = new RawHttpConnection(target.Endpoint, 8 * 1024);
        }

        try
        {
            // Connect first, in bounded batches, so a listen backlog is not what is measured.
            for (var i = 0; i < concurrency; i += 64)
            {
                await Task.WhenAll(connections.Skip(i).Take(64).Select(c => TryConnectAsync(c, cancellationToken)));
            }

            var origin = Stopwatch.GetTimestamp();
            var workers = new Task<(Samples Ttft, Samples Gaps, Samples Total, int Done, int Failed, int Stalled, long MaxGap, string? FirstError)>[concurrency];
            for (var w = 0; w < concurrency; w++)
            {
                var connection = connections[w];
                var delay = concurrency <= 1 ? 0 : spreadMs * w / concurrency;
                workers[w] = Task.Run(async () =>
                {
                    var ttft = new Samples(64);
                    var gaps = new Samples(1024);
                    var total = new Samples(64);
                    var timer = newTimer();
                    timer.Gaps = gaps;
                    int done = 0, failed = 0, stalled = 0;
                    long maxGap = 0;
                    string? firstError = null;
                    var wait = origin + Samples.MillisToTicks(delay) - Stopwatch.GetTimestamp();
                    if (wait > 0)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Samples.TicksToMicros(wait) / 1000), cancellationToken);
                    }

                    while (Interlocked.Increment(ref next) < streams)
                    {
                        timer.Reset();
                        var started = Stopwatch.GetTimestamp();
                        var error = await SendOnceAsync(connection, request, timer, cancellationToken);
                        var ended = Stopwatch.GetTimestamp();
                        done++;
                        error ??= timer.Problem;
                        if (error is null && timer.Deltas < expectedDeltas)
                        {
                            error = $"stream ended after {timer.Deltas} of {expectedDeltas} deltas";
                        }

                        if (error is not null)
                        {
                            failed++;
                            firstError ??= error;
                            continue;
                        }

                        ttft.Add(timer.FirstDelta - started);
                        total.Add(ended - started);
                        maxGap = Math.Max(maxGap, timer.MaxGap);
                        if (timer.MaxGap > stallTicks)
                        {
                            stalled++;
                        }
                    }

                    return (ttft, gaps, total, done, failed, stalled, maxGap, firstError);
                }, cancellationToken);
            }

            var results = await Task.WhenAll(workers);
            var allTtft = new Samples(streams);
            var allGaps = new Samples(streams * Math.Max(1, expectedDeltas));
            var allTotal = new Samples(streams);
            int sumDone = 0, sumFailed = 0, sumStalled = 0;
            long worst = 0;
            string? first = null;
            foreach (var r in results)
            {
                allTtft.AddRange(r.Ttft);
                allGaps.AddRange(r.Gaps);
                allTotal.AddRange(r.Total);
                sumDone += r.Done;
                sumFailed += r.Failed;
                sumStalled += r.Stalled;
                worst = Math.Max(worst, r.MaxGap);
                first ??= r.FirstError;
            }

            return new StreamResult(allTtft, allGaps, allTotal, sumDone, sumFailed, sumStalled, Samples.TicksToMicros(worst) / 1000, first);
        }
        finally
        {
            foreach (var connection in connections)
            {
                connection.Dispose();
            }
        }
    }

    private static async Task TryConnectAsync(RawHttpConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.ConnectAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException)
        {
            // SendOnceAsync connects again and reports the failure.
        }
    }

    /// <summary>One request on the connection (reconnecting when needed); null on a 200, else what went wrong.</summary>
    private static async ValueTask<string?> SendOnceAsync(RawHttpConnection connection, byte[] request, IBodyObserver observer, CancellationToken cancellationToken)
    {
        try
        {
            var status = await connection.SendAsync(request, observer, cancellationToken);
            return status == 200 ? null : $"HTTP {status}";
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            connection.Close();
            return ex.GetType().Name + ": " + ex.Message;
        }
    }
}
