using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using Gateway.Bench.LoadGen.Diagnostics;
using Gateway.Bench.LoadGen.Load;
using Gateway.Bench.LoadGen.Processes;
using Gateway.Bench.LoadGen.Report;
using Gateway.Bench.LoadGen.Workloads;

namespace Gateway.Bench.LoadGen;

/// <summary>
/// One benchmark run: starts the five columns, then measures every workload round by round, visiting the columns
/// in alternating order each round (A B … B A …), so slow drift of a shared, noisy machine hits every column alike.
/// </summary>
internal static class Harness
{
    private const double Mb = 1024 * 1024;

    public static async Task<BenchResults> RunAsync(BenchOptions o, TextWriter output, CancellationToken ct)
    {
        var progress = new TimedProgress(output);
        var repoRoot = FindRepoRoot();
        var configuration = typeof(Harness).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Configuration")?.Value ?? "Release";
        var pin = o.Pin && Environment.ProcessorCount >= 2 && Installers.Which("taskset") is not null;
        var results = new BenchResults
        {
            Mode = o.Describe(),
            Started = DateTimeOffset.Now,
            Only = o.Only,
            RoutesLabel = o.Quick ? Invariant($"{o.ScaleRoutes:#,0} routes (--quick; full run 10,000)") : Invariant($"{o.ScaleRoutes:#,0} routes"),
        };
        progress.WriteLine($"# starting mock, YARP forwarder, bare proxy, gateway, nginx, Portkey ({configuration} build{(pin ? ", pinned" : ", not pinned")})");
        await using var lab = await Lab.StartAsync(repoRoot, configuration, pin, !o.Install, progress, ct, o.WithPrometheus, o.WithBudget);
        foreach (var target in lab.Targets.Values)
        {
            results.ColumnTitles[target.Key] = target.Title;
        }

        results.Machine = MachineLine(lab, pin, configuration);
        progress.WriteLine("# " + results.Machine);

        var requests = new Dictionary<string, TargetRequests>();
        foreach (var target in lab.Targets.Values)
        {
            requests[target.Key] = new TargetRequests(target, o);
        }

        await ValidateAsync(lab, requests, ct);
        foreach (var target in lab.Targets.Values.Where(t => !t.Available))
        {
            results.Unavailable[target.Key] = target.Unavailable!;
            progress.WriteLine($"# {target.Title} unavailable: {target.Unavailable}");
        }

        var rssIdle = lab.Targets.Values.Where(t => t.Available && t.Process is not null).ToDictionary(t => t.Key, t => t.Process!.RssBytes());

        // Warmup: connection pools, Node's JIT, and each .NET column's tiered JIT until it is quiet. The processes
        // live for the whole run, so one warm-up serves every workload after it.
        progress.WriteLine(Invariant($"# warmup (.NET columns: c=64 until the JIT is quiet, cap {o.JitWarmupCap.TotalSeconds:0} s)"));
        var warmups = new List<string>();
        foreach (var t in Order(lab, 0))
        {
            await LoadRunner.SequentialAsync(t, requests[t.Key].Stream0, Math.Max(10, o.WarmupRequests / 20), ct);
            if (t.IsDotnet)
            {
                warmups.Add(await WarmDotnetAsync(t, requests[t.Key].Small, o, results, progress, ct));
                continue;
            }

            await LoadRunner.SequentialAsync(t, requests[t.Key].Small, o.WarmupRequests, ct);
            await LoadRunner.ClosedLoopAsync(t, requests[t.Key].Small, 64, TimeSpan.Zero, o.WarmupBurst, ct);
        }

        results.Notes.Add(Invariant($"warm-up: every .NET column under c=64 small requests until methods-jitted-count and time-in-jit (System.Runtime counters, 1 s reports) stood still for {o.JitQuietReports} reports, at least {o.JitWarmupMinimum.TotalSeconds:0} s, cap {o.JitWarmupCap.TotalSeconds:0} s; ") + string.Join("; ", warmups)
            + Invariant($". direct, nginx and Portkey: {o.WarmupRequests:#,0} sequential requests and a {o.WarmupBurst.TotalSeconds:0.#} s c=64 burst."));

        // 1. Latency at concurrency 1, closed loop, interleaved rounds.
        if (o.Runs(Workload.Latency))
        {
            progress.WriteLine("# latency c=1");
            var latency = Pool();
            var perRoundP99 = new Dictionary<string, List<double>>();
            for (var round = 0; round < o.LatencyRounds; round++)
            {
                foreach (var t in Order(lab, round))
                {
                    var r = await LoadRunner.SequentialAsync(t, requests[t.Key].Small, o.LatencyRequests, ct);
                    latency[t.Key].AddRange(r.Latency);
                    (perRoundP99.TryGetValue(t.Key, out var list) ? list : perRoundP99[t.Key] = []).Add(r.Latency.PercentileMicros(99));
                    NoteErrors(results, t, "latency c=1", r.Errors, r.FirstError);
                }
            }

            foreach (var (key, samples) in latency)
            {
                results.Set(Figures.LatencyP50, key, samples.PercentileMicros(50));
                results.Set(Figures.LatencyP99, key, samples.PercentileMicros(99));
            }

            Added(results, Figures.LatencyP50, Figures.AddedP50);
            Added(results, Figures.LatencyP99, Figures.AddedP99);
            results.Notes.Add("c=1 p99 per round (µs): " + string.Join("; ", perRoundP99.Select(p =>
                $"{results.ColumnTitles[p.Key]} {string.Join(" / ", p.Value.Select(BenchResults.Number))}")));

            // 2. Paced c=1 (coordinated-omission corrected).
            progress.WriteLine($"# paced c=1 at {o.PacedRate} req/s");
            var paced = Pool();
            for (var round = 0; round < Math.Max(1, o.LatencyRounds / 2); round++)
            {
                foreach (var t in Order(lab, round))
                {
                    var r = await LoadRunner.PacedAsync(t, requests[t.Key].Small, o.PacedRequests, 1_000_000.0 / o.PacedRate, ct);
                    paced[t.Key].AddRange(r.Latency);
                    NoteErrors(results, t, "paced", r.Errors, r.FirstError);
                }
            }

            foreach (var (key, samples) in paced)
            {
                results.Set(Figures.PacedP99, key, samples.PercentileMicros(99));
            }

            Added(results, Figures.PacedP99, Figures.AddedPacedP99);
        }

        // 3. Throughput at c=32 and c=64, steady RSS under c=64.
        if (o.Runs(Workload.Throughput))
        {
            progress.WriteLine("# throughput c=32, c=64");
            var rps32 = Means();
            var rps64 = Means();
            var steady = Means();
            var errors = lab.Targets.Values.Where(t => t.Available).ToDictionary(t => t.Key, _ => 0);
            for (var round = 0; round < o.ThroughputRounds; round++)
            {
                foreach (var t in Order(lab, round))
                {
                    var r32 = await LoadRunner.ClosedLoopAsync(t, requests[t.Key].Small, 32, o.ThroughputWarmup, o.ThroughputDuration, ct);
                    rps32[t.Key].Add(r32.RequestsPerSecond);
                    errors[t.Key] += r32.Errors;
                    NoteErrors(results, t, "c=32", r32.Errors, r32.FirstError);
                    await using (var sampler = new RssSampler(t.Process, TimeSpan.FromMilliseconds(50)))
                    {
                        var r64 = await LoadRunner.ClosedLoopAsync(t, requests[t.Key].Small, 64, o.ThroughputWarmup, o.ThroughputDuration, ct);
                        rps64[t.Key].Add(r64.RequestsPerSecond);
                        errors[t.Key] += r64.Errors;
                        NoteErrors(results, t, "c=64", r64.Errors, r64.FirstError);
                        if (t.Process is not null)
                        {
                            steady[t.Key].Add(sampler.MedianBytes / Mb);
                        }
                    }
                }
            }

            SetMeans(results, Figures.Rps32, rps32);
            SetMeans(results, Figures.Rps64, rps64);
            SetMeans(results, Figures.RssSteady, steady);
            NoteRoundsOfThroughput(results, rps64);
            foreach (var (key, count) in errors)
            {
                results.Set(Figures.Errors, key, count);
            }
        }

        // 3b. Throughput c=64 when the upstream takes 20 ms: what a proxy holds in flight rather than its CPU.
        if (o.Runs(Workload.SlowUpstream))
        {
            progress.WriteLine("# throughput c=64 with a 20 ms upstream");
            var rps64Slow = Means();
            for (var round = 0; round < o.ThroughputRounds; round++)
            {
                foreach (var t in Order(lab, round))
                {
                    var r = await LoadRunner.ClosedLoopAsync(t, requests[t.Key].SmallDelayed, 64, o.ThroughputWarmup, o.ThroughputDuration, ct);
                    rps64Slow[t.Key].Add(r.RequestsPerSecond);
                    NoteErrors(results, t, "c=64 20 ms", r.Errors, r.FirstError);
                }
            }

            SetMeans(results, Figures.Rps64Slow, rps64Slow);
        }

        // 4. Allocations per request, from the runtime's counters (.NET columns).
        if (o.Runs(Workload.Allocation))
        {
            progress.WriteLine("# allocations per request (EventPipe System.Runtime alloc-rate)");
            foreach (var t in Order(lab, 0).Where(t => t.IsDotnet))
            {
                results.Set(Figures.AllocSmall, t.Key, await AllocatedPerRequestAsync(t, results, () =>
                    LoadRunner.FixedCountAsync(t, requests[t.Key].Small, 16, o.AllocationRequests, ct), o.AllocationRequests));
                results.Set(Figures.AllocStream, t.Key, await AllocatedPerRequestAsync(t, results, async () =>
                {
                    var r = await LoadRunner.StreamsAsync(t, requests[t.Key].Stream0, 4, o.AllocationStreams, 64, o.StallMs, 0, ct);
                    return (r.Streams - r.Failed, r.Failed, r.FirstError);
                }, o.AllocationStreams));
            }
        }

        // 5. Streams: 64 deltas at 0 ms (c=1) and at 20 ms (a few at a time).
        if (o.Runs(Workload.Streams))
        {
            progress.WriteLine("# streams 64×0 ms");
            var ttft0 = Pool();
            var gap0 = Pool();
            var total0 = Pool();
            for (var round = 0; round < o.StreamRounds; round++)
            {
                foreach (var t in Order(lab, round))
                {
                    var r = await LoadRunner.StreamsAsync(t, requests[t.Key].Stream0, 1, o.StreamsPerRound, 64, o.StallMs, 0, ct);
                    ttft0[t.Key].AddRange(r.Ttft);
                    gap0[t.Key].AddRange(r.Gaps);
                    total0[t.Key].AddRange(r.Total);
                    NoteErrors(results, t, "stream 64×0", r.Failed, r.FirstError);
                }
            }

            SetPercentile(results, Figures.Ttft0P99, ttft0, 99);
            SetPercentile(results, Figures.Gap0P99, gap0, 99);
            Added(results, Figures.Ttft0P99, Figures.AddedTtft0P99);
            Added(results, Figures.Gap0P99, Figures.AddedGap0P99);

            progress.WriteLine("# streams 64×20 ms");
            var ttft20 = Pool();
            var gap20 = Pool();
            // As many rounds as the 64×0 ms streams (192 starts per column in the full run): the target compares p99s,
            // and with 96 starts the p99 was the one slowest start of the column.
            for (var round = 0; round < o.StreamRounds; round++)
            {
                foreach (var t in Order(lab, round))
                {
                    var r = await LoadRunner.StreamsAsync(t, requests[t.Key].Stream20, o.PacedStreamConcurrency, o.PacedStreams, 64, o.StallMs, 20, ct);
                    ttft20[t.Key].AddRange(r.Ttft);
                    gap20[t.Key].AddRange(r.Gaps);
                    NoteErrors(results, t, "stream 64×20", r.Failed, r.FirstError);
                }
            }

            // With 192 streams per column (the full run) the p99 is the second slowest start: the distribution tells a
            // slower column from one bad start.
            results.Notes.Add("stream 64×20 ms TTFT per column, n / p50 / p90 / p99 / max (µs): " + string.Join("; ", ttft20.Where(p => p.Value.Count > 0).Select(p =>
                $"{results.ColumnTitles[p.Key]} {p.Value.Count} / {BenchResults.Number(p.Value.PercentileMicros(50))} / {BenchResults.Number(p.Value.PercentileMicros(90))} / {BenchResults.Number(p.Value.PercentileMicros(99))} / {BenchResults.Number(p.Value.MaxMicros())}")));
            SetPercentile(results, Figures.Ttft20P99, ttft20, 99);
            SetPercentile(results, Figures.Gap20P99, gap20, 99);
            Added(results, Figures.Ttft20P99, Figures.AddedTtft20P99);
            Added(results, Figures.Gap20P99, Figures.AddedGap20P99);

            // 6. The Claude Code-sized body (streaming, same 64×0 ms answer as the small stream).
            progress.WriteLine("# Claude Code 90 KB body");
            var cc = Pool();
            for (var round = 0; round < o.ClaudeCodeRounds; round++)
            {
                foreach (var t in Order(lab, round))
                {
                    var r = await LoadRunner.StreamsAsync(t, requests[t.Key].ClaudeCode, 1, o.ClaudeCodeRequests, 64, o.StallMs, 0, ct);
                    cc[t.Key].AddRange(r.Total);
                    NoteErrors(results, t, "Claude Code 90 KB", r.Failed, r.FirstError);
                }
            }

            SetPercentile(results, Figures.CcP50, cc, 50);
            Added(results, Figures.CcP50, Figures.AddedCcP50);
            foreach (var (key, samples) in total0)
            {
                if (key != Target.Direct && total0.TryGetValue(Target.Direct, out var direct))
                {
                    var smallAdded = samples.PercentileMicros(50) - direct.PercentileMicros(50);
                    results.Set(Figures.SmallStreamAddedP50, key, smallAdded);
                    var ccAdded = results.Get(Figures.AddedCcP50, key);
                    // Added latencies of a few µs are within noise; the ratio is floored at 1 µs to stay finite.
                    results.Set(Figures.CcCostRatio, key, ccAdded / Math.Max(1, smallAdded));
                }
            }

            results.Notes.Add($"Claude Code body: {requests[Target.Direct].ClaudeCodeBodyBytes:#,0} bytes, streaming, 12 tools, thinking, same 64×0 ms answer as the small stream; the ratio compares whole-stream added p50 of both.");
        }

        // 7. The 4 MB body: latency and RSS growth of each proxy.
        if (o.Runs(Workload.Large))
        {
            progress.WriteLine("# 4 MB body");
            var large = Pool();
            foreach (var t in Order(lab, 1))
            {
                var before = t.Process?.RssBytes() ?? double.NaN;
                await using var sampler = new RssSampler(t.Process, TimeSpan.FromMilliseconds(10));
                var r = await LoadRunner.SequentialAsync(t, requests[t.Key].Large, o.LargeRequests, ct);
                large[t.Key].AddRange(r.Latency);
                NoteErrors(results, t, "4 MB body", r.Errors, r.FirstError);
                if (t.Process is not null)
                {
                    await Task.Delay(50, ct);
                    results.Set(Figures.LargeRssGrowth, t.Key, Math.Max(0, sampler.MaxBytes - before) / Mb);
                }
            }

            SetPercentile(results, Figures.LargeP50, large, 50);
            results.Notes.Add($"4 MB body: {o.LargeBodyBytes:#,0} bytes, non-streaming, {o.LargeRequests} requests per column; growth = peak RSS while sending − RSS just before.");
        }
        if (o.WithPrometheus)
        {
            results.Notes.Add("--with-prometheus: the gateway column also ran the prometheus plugin (status code, latency, bandwidth and AI metrics).");
        }

        // 8. The most concurrent 20 ms-paced streams held without a stall, level by level, interleaved.
        if (o.Runs(Workload.Ramp))
        {
            progress.WriteLine($"# stream ramp {string.Join("/", o.RampLevels)} × {o.RampDeltas} deltas at 20 ms");
            var held = lab.Targets.Values.Where(t => t.Available).ToDictionary(t => t.Key, _ => 0);
            var failedAt = new HashSet<string>();
            var rampPeak = new Dictionary<string, double>();
            var rampNotes = new List<string>();
            for (var level = 0; level < o.RampLevels.Length; level++)
            {
                var n = o.RampLevels[level];
                foreach (var t in Order(lab, level).Where(t => !failedAt.Contains(t.Key)))
                {
                    await using var sampler = new RssSampler(t.Process, TimeSpan.FromMilliseconds(100));
                    var r = await LoadRunner.StreamsAsync(t, requests[t.Key].Ramp, n, n, o.RampDeltas, o.StallMs, 250, ct);
                    if (t.Process is not null)
                    {
                        rampPeak[t.Key] = Math.Max(rampPeak.GetValueOrDefault(t.Key), sampler.MaxBytes / Mb);
                    }

                    var ok = r.Failed == 0 && r.Stalled == 0;
                    rampNotes.Add($"{t.Title} {n}: {(ok ? "held" : $"{r.Failed} failed, {r.Stalled} stalled")}, max gap {r.MaxGapMs:0} ms, TTFT p99 {r.Ttft.PercentileMicros(99) / 1000:0.#} ms{(r.FirstError is null ? string.Empty : $" ({r.FirstError})")}");
                    if (ok)
                    {
                        held[t.Key] = n;
                    }
                    else
                    {
                        failedAt.Add(t.Key);
                    }

                    // Let the sockets of this level close before the next column.
                    await Task.Delay(200, ct);
                }
            }

            foreach (var (key, n) in held)
            {
                results.Set(Figures.MaxStreams, key, n);
            }

            foreach (var (key, peak) in rampPeak)
            {
                results.Set(Figures.RssStreams, key, peak);
            }

            results.Notes.Add($"stream ramp (stall = a gap > {o.StallMs:0} ms, starts spread over 250 ms; mock and load share CPU 1, so the direct column is the ceiling of this machine): " + string.Join("; ", rampNotes));
        }

        // 9. OpenAI client → Anthropic through the gateway's translation route, against its native stream.
        if (o.Runs(Workload.OpenAi))
        {
            await OpenAiAsync(lab.Targets[Target.Gateway], requests[Target.Gateway], o, results, progress, ct);
        }

        // 10. Memory after.
        await Task.Delay(o.SettleAfter, ct);
        foreach (var t in lab.Targets.Values.Where(t => t.Available && t.Process is not null))
        {
            results.Set(Figures.RssIdle, t.Key, rssIdle.GetValueOrDefault(t.Key, double.NaN) / Mb);
            results.Set(Figures.RssAfter, t.Key, t.Process!.RssBytes() / Mb);
        }

        // Headroom: the mock must not be the bottleneck.
        if (o.Runs(Workload.Throughput))
        {
            var directRps = results.Get(Figures.Rps64, Target.Direct);
            var gatewayRps = results.Get(Figures.Rps64, Target.Gateway);
            results.Notes.Add($"mock headroom: direct c=64 throughput is {directRps / gatewayRps:0.0}× the gateway's (method: ≥ 3×; mock and load generator share CPU 1).");
        }

        results.Notes.Add($"file-log wrote {FileSize(lab.FileLogPath) / Mb:0.0} MB of log lines during the run.");
        // 11. The large config end to end, last: it starts two more gateways on the proxy core.
        if (o.Runs(Workload.Routes))
        {
            await RoutesAsync(lab, o, results, progress, ct);
        }

        if (o.WithBudget is { } budget)
        {
            results.Notes.Add(Invariant($"--with-budget {budget.ToString().ToLowerInvariant()}: the gateway column also ran ai-rate-limiting-advanced (identifier ip, tokens_count_strategy total_tokens, 60 s and 3600 s windows of {Lab.BudgetLimit:#,0} tokens, never refusing; checked before the run by its X-AI-RateLimit-Limit header)")
                + (lab.Redis is { } redis
                    ? Invariant($", strategy redis: every request one MGET and one Lua script on {redis.Version} at 127.0.0.1:{redis.Port}, on CPU 1 with the mock; {await redis.KeyCountAsync(ct)} counter keys in Redis after the run.")
                    : ", strategy local (in-process counters)."));
        }

        return results;
    }

    /// <summary>
    /// The gateway's <c>llm_format: openai</c> route (an OpenAI client's Chat Completions stream with
    /// <c>stream_options.include_usage</c>, translated from the mock's Anthropic stream) and its native Anthropic
    /// route, alternating within each round: 64×0 ms one at a time, 64×20 ms a few at a time, as the stream
    /// workload does. Issue 11's figure is the added inter-chunk gap p99 of the translation over the native route.
    /// </summary>
    private static async Task OpenAiAsync(Target gateway, TargetRequests native, BenchOptions o, BenchResults results, TextWriter progress, CancellationToken ct)
    {
        progress.WriteLine("# OpenAI client → Anthropic streams 64×0 ms / 64×20 ms (gateway: openai route vs native route)");
        List<KeyValuePair<string, string>> headers = [new("Authorization", "Bearer sk-bench-openai-client")];
        var path = Lab.OpenAiPath + "/v1/chat/completions";
        var chat0 = HttpRequest.Post(gateway.HostPort, path, headers, RequestBodies.ChatStream(64, 0));
        var chat20 = HttpRequest.Post(gateway.HostPort, path, headers, RequestBodies.ChatStream(64, 20));
        Func<IStreamTimer> chatTimer = static () => new ChatChunkTimer(expectUsage: true);

        // The translation code has not run yet: let tiered JIT see it as the warmup let it see the native route.
        var warm = await LoadRunner.StreamsAsync(gateway, chat0, 1, Math.Max(10, o.WarmupRequests / 20), 64, o.StallMs, 0, ct, chatTimer);
        if (warm.Failed > 0)
        {
            throw new InvalidOperationException($"the gateway's OpenAI route does not stream correctly: {warm.FirstError}; output: {gateway.Process?.OutputTail}");
        }

        var notes = new List<string>();
        foreach (var (intervalMs, rounds, concurrency, streams, ttft, gap, addedTtft, addedGap) in new[]
        {
            (0, o.StreamRounds, 1, o.StreamsPerRound, Figures.OpenAiTtft0P99, Figures.OpenAiGap0P99, Figures.OpenAiAddedTtft0P99, Figures.OpenAiAddedGap0P99),
            (20, Math.Max(1, o.StreamRounds / 2), o.PacedStreamConcurrency, o.PacedStreams, Figures.OpenAiTtft20P99, Figures.OpenAiGap20P99, Figures.OpenAiAddedTtft20P99, Figures.OpenAiAddedGap20P99),
        })
        {
            var nativeRequest = intervalMs == 0 ? native.Stream0 : native.Stream20;
            var chatRequest = intervalMs == 0 ? chat0 : chat20;
            Samples nativeTtft = new(), nativeGaps = new(), chatTtft = new(), chatGaps = new();
            for (var round = 0; round < rounds; round++)
            {
                for (var leg = 0; leg < 2; leg++)
                {
                    var translated = (leg == 0) == (round % 2 == 0);
                    var r = translated
                        ? await LoadRunner.StreamsAsync(gateway, chatRequest, concurrency, streams, 64, o.StallMs, intervalMs, ct, chatTimer)
                        : await LoadRunner.StreamsAsync(gateway, nativeRequest, concurrency, streams, 64, o.StallMs, intervalMs, ct);
                    (translated ? chatTtft : nativeTtft).AddRange(r.Ttft);
                    (translated ? chatGaps : nativeGaps).AddRange(r.Gaps);
                    NoteErrors(results, gateway, $"{(translated ? "OpenAI" : "native")} stream 64×{intervalMs}", r.Failed, r.FirstError);
                }
            }

            results.Set(ttft, Target.Gateway, chatTtft.PercentileMicros(99));
            results.Set(gap, Target.Gateway, chatGaps.PercentileMicros(99));
            results.Set(addedTtft, Target.Gateway, chatTtft.PercentileMicros(99) - nativeTtft.PercentileMicros(99));
            results.Set(addedGap, Target.Gateway, chatGaps.PercentileMicros(99) - nativeGaps.PercentileMicros(99));
            notes.Add(Invariant($"64×{intervalMs} ms: {chatTtft.Count} streams each, TTFT p50/p99 {BenchResults.Number(chatTtft.PercentileMicros(50))}/{BenchResults.Number(chatTtft.PercentileMicros(99))} µs translated vs {BenchResults.Number(nativeTtft.PercentileMicros(50))}/{BenchResults.Number(nativeTtft.PercentileMicros(99))} native, gap p50/p99 {BenchResults.Number(chatGaps.PercentileMicros(50))}/{BenchResults.Number(chatGaps.PercentileMicros(99))} vs {BenchResults.Number(nativeGaps.PercentileMicros(50))}/{BenchResults.Number(nativeGaps.PercentileMicros(99))} µs"));
        }

        results.Notes.Add("OpenAI client → Anthropic (gateway column, route " + Lab.OpenAiPath + ": ai-proxy llm_format openai, provider anthropic; Chat Completions stream: true with stream_options.include_usage; the reader parses each chat.completion.chunk, times those whose delta.content is non-empty, and fails a stream without the usage chunk and data: [DONE]), against the native Anthropic route in the same rounds: " + string.Join("; ", notes));
    }

    /// <summary>
    /// The large config end to end: a gateway with <see cref="BenchOptions.ScaleRoutes"/> services, prefix routes
    /// and route-scoped file-logs against the same config with one, started one after the other (time from process
    /// start to <c>/status/ready</c>, RSS then and its peak), then the same small request to the last-declared route
    /// of each at c=1, alternating rounds.
    /// </summary>
    private static async Task RoutesAsync(Lab lab, BenchOptions o, BenchResults results, TextWriter progress, CancellationToken ct)
    {
        progress.WriteLine(Invariant($"# {o.ScaleRoutes:#,0} routes against 1 route: start to ready, last route c=1"));
        ScaleGateway? one = null, many = null;
        var oneReady = new List<double>();
        var manyReady = new List<double>();
        var manyRss = new List<double>();
        var manyPeak = new List<double>();
        for (var start = 0; start < o.ScaleStarts; start++)
        {
            if (one is not null)
            {
                lab.Stop(one.Target.Process!);
            }

            one = await lab.StartScaleGatewayAsync(1, ct);
            oneReady.Add(one.TimeToReady.TotalMilliseconds);
            if (many is not null)
            {
                lab.Stop(many.Target.Process!);
            }

            many = await lab.StartScaleGatewayAsync(o.ScaleRoutes, ct);
            manyReady.Add(many.TimeToReady.TotalMilliseconds);
            manyRss.Add(many.RssAtReadyBytes / Mb);
            manyPeak.Add(many.PeakRssBytes / Mb);
        }

        var gateways = new[] { one!.Target, many!.Target };
        var request = gateways.ToDictionary(t => t.Key, t => t.Messages(RequestBodies.Small()));
        var latency = gateways.ToDictionary(t => t.Key, _ => new Samples(4096));
        var perRound = gateways.ToDictionary(t => t.Key, _ => new List<double>());
        var warmups = new List<string>();
        foreach (var t in gateways)
        {
            var check = await LoadRunner.SequentialAsync(t, request[t.Key], 1, ct);
            if (check.Errors > 0)
            {
                throw new InvalidOperationException($"the {t.Title} gateway does not answer on {t.PathPrefix}/v1/messages: {check.FirstError}; output: {t.Process?.OutputTail}");
            }

            warmups.Add(await WarmDotnetAsync(t, request[t.Key], o, results, progress, ct));
        }

        results.Notes.Add("routes warm-up: " + string.Join("; ", warmups));

        for (var round = 0; round < o.LatencyRounds; round++)
        {
            foreach (var t in round % 2 == 0 ? gateways : gateways.Reverse())
            {
                var r = await LoadRunner.SequentialAsync(t, request[t.Key], o.LatencyRequests, ct);
                latency[t.Key].AddRange(r.Latency);
                perRound[t.Key].Add(r.Latency.PercentileMicros(50));
                NoteErrors(results, t, "routes c=1", r.Errors, r.FirstError);
            }
        }

        var manyP50 = latency[many.Target.Key].PercentileMicros(50);
        var oneP50 = latency[one.Target.Key].PercentileMicros(50);
        results.Set(Figures.RoutesLastP50, Target.Gateway, manyP50);
        results.Set(Figures.RoutesOneP50, Target.Gateway, oneP50);
        results.Set(Figures.RoutesRatio, Target.Gateway, manyP50 / oneP50);
        results.Set(Figures.RoutesReady, Target.Gateway, Median(manyReady));
        results.Set(Figures.RoutesOneReady, Target.Gateway, Median(oneReady));
        results.Set(Figures.RoutesReadyRss, Target.Gateway, Median(manyRss));
        results.Set(Figures.RoutesPeakRss, Target.Gateway, manyPeak.Max());
        results.Notes.Add(Invariant($"routes: decK config of N services (url = the mock), each with one prefix route /svcN/ and a route-scoped file-log (10 files), N = {o.ScaleRoutes:#,0} and N = 1, no other plugin; the small request to the last-declared route ({many.Target.PathPrefix}/v1/messages, resp. /svc0/v1/messages), {o.LatencyRounds} alternating rounds of {o.LatencyRequests} after the JIT-quiet warm-up; p50 per round {string.Join(" / ", perRound[many.Target.Key].Select(BenchResults.Number))} vs {string.Join(" / ", perRound[one.Target.Key].Select(BenchResults.Number))} µs; ")
            + Invariant($"start to ready = process start (dotnet) to the first 200 of GET /status/ready on --status-urls, median of {o.ScaleStarts} start(s) each ({string.Join(" / ", manyReady.Select(BenchResults.Number))} vs {string.Join(" / ", oneReady.Select(BenchResults.Number))} ms); RSS after the c=1 rounds {many.Target.Process!.RssBytes() / Mb:0} vs {one.Target.Process!.RssBytes() / Mb:0} MB."));
        lab.Stop(one.Target.Process!);
        lab.Stop(many.Target.Process!);
    }

    /// <summary>Warms one .NET process with <see cref="JitWarmup"/>, prints and returns its line for the notes.</summary>
    private static async Task<string> WarmDotnetAsync(Target target, byte[] request, BenchOptions o, BenchResults results, TextWriter progress, CancellationToken ct)
    {
        var warm = await JitWarmup.RunAsync(target, request, o, ct);
        NoteErrors(results, target, "warm-up", warm.Errors, warm.FirstError);
        var line = warm.Describe(target.Title) + Invariant($" ({warm.Requests:#,0} requests)");
        progress.WriteLine("#   " + line);
        return line;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>Bytes the target allocated per request over a fixed number of requests.</summary>
    private static async Task<double> AllocatedPerRequestAsync(Target target, BenchResults results,
        Func<Task<(long Completed, int Errors, string? FirstError)>> run, int requests)
    {
        AllocationMeter meter;
        try
        {
            meter = await AllocationMeter.StartAsync(target.Process!.Id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            results.Notes.Add($"{target.Title}: EventPipe session failed: {ex.GetBaseException().Message}");
            return double.NaN;
        }

        await using (meter)
        {
            var (completed, errors, firstError) = await run();
            NoteErrors(results, target, "allocation run", errors, firstError);
            var bytes = await meter.StopAsync();
            return meter.Reports == 0 || completed == 0 ? double.NaN : bytes / requests;
        }
    }

    private static async Task ValidateAsync(Lab lab, Dictionary<string, TargetRequests> requests, CancellationToken ct)
    {
        foreach (var t in lab.Targets.Values.Where(t => t.Available))
        {
            var small = await LoadRunner.SequentialAsync(t, requests[t.Key].Small, 1, ct);
            var stream = await LoadRunner.StreamsAsync(t, requests[t.Key].Stream0, 1, 1, 64, 10_000, 0, ct);
            var problem = small.Errors > 0 ? "small request: " + small.FirstError
                : stream.Failed > 0 ? "stream: " + stream.FirstError
                : null;
            if (problem is null)
            {
                continue;
            }

            if (t.Key is Target.Direct or Target.Forwarder or Target.Bare or Target.Gateway)
            {
                throw new InvalidOperationException($"{t.Title} does not answer correctly: {problem}; output: {t.Process?.OutputTail}");
            }

            t.Unavailable = $"does not answer correctly: {problem}";
        }
    }

    /// <summary>Available columns, forward on even rounds and backward on odd ones.</summary>
    private static IEnumerable<Target> Order(Lab lab, int round)
    {
        var keys = round % 2 == 0 ? Target.Keys : Target.Keys.Reverse();
        return keys.Select(k => lab.Targets[k]).Where(t => t.Available).ToArray();
    }

    // The mean hides whether one round carried the ratio; the rounds are interleaved, so each round's gateway ÷ bare
    // is a same-moment ratio of its own.
    private static void NoteRoundsOfThroughput(BenchResults results, Dictionary<string, List<double>> rps64)
    {
        var columns = rps64.Where(p => p.Value.Count > 0).ToArray();
        if (columns.Length == 0)
        {
            return;
        }

        var note = "throughput c=64 per round (req/s): " + string.Join("; ", columns.Select(p =>
            $"{results.ColumnTitles[p.Key]} {string.Join(" / ", p.Value.Select(BenchResults.Number))}"));
        if (rps64[Target.Bare] is { Count: > 0 } bare && rps64[Target.Gateway] is { Count: > 0 } gateway && bare.Count == gateway.Count)
        {
            note += "; gateway ÷ bare per round " + string.Join(" / ", bare.Zip(gateway, (b, g) => (g / b).ToString("0.00", CultureInfo.InvariantCulture)));
        }

        results.Notes.Add(note);
    }

    private static Dictionary<string, Samples> Pool() => Target.Keys.ToDictionary(k => k, _ => new Samples(4096));

    private static Dictionary<string, List<double>> Means() => Target.Keys.ToDictionary(k => k, _ => new List<double>());

    private static void SetMeans(BenchResults results, Figure figure, Dictionary<string, List<double>> values)
    {
        foreach (var (key, list) in values)
        {
            if (list.Count > 0)
            {
                results.Set(figure, key, list.Average());
            }
        }
    }

    private static void SetPercentile(BenchResults results, Figure figure, Dictionary<string, Samples> pool, double percentile)
    {
        foreach (var (key, samples) in pool)
        {
            if (samples.Count > 0)
            {
                results.Set(figure, key, samples.PercentileMicros(percentile));
            }
        }
    }

    private static void Added(BenchResults results, Figure measured, Figure added)
    {
        var direct = results.Get(measured, Target.Direct);
        foreach (var column in added.Columns)
        {
            var value = results.Get(measured, column);
            if (!double.IsNaN(value) && !double.IsNaN(direct))
            {
                results.Set(added, column, value - direct);
            }
        }
    }

    private static void NoteErrors(BenchResults results, Target target, string phase, int errors, string? firstError)
    {
        if (errors > 0)
        {
            results.Notes.Add($"{target.Title}, {phase}: {errors} errors (first: {firstError})");
        }
    }

    private static double FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    public static string FindRepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Gateway.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("repository root (Gateway.slnx) not found");
    }

    private static string MachineLine(Lab lab, bool pinned, string configuration)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : RuntimeInformation.OSDescription;
        var parts = new List<string>
        {
            $"CPU {cpu ?? "unknown"} ×{Environment.ProcessorCount}",
            $"kernel {kernel}",
            $"{RuntimeInformation.FrameworkDescription} ({configuration})",
            "GC " + GcMode(lab.HostDll),
            pinned ? "pinned: proxies on CPU 0, mock + load generator on CPU 1 (taskset)" : "not pinned",
            "load: Gateway.Bench.LoadGen (C#, raw HTTP/1.1 keep-alive; closed loop, and paced with coordinated-omission correction)",
        };
        if (lab.NginxVersion is { Length: > 0 } nginx)
        {
            parts.Add(nginx.Replace("nginx version: ", string.Empty, StringComparison.Ordinal));
        }

        if (lab.NodeVersion is { Length: > 0 } node)
        {
            parts.Add($"Portkey {Installers.PortkeyVersion} (@hono/node-server {Installers.HonoNodeServerVersion}) on Node {node}");
        }

        return string.Join(" | ", parts);
    }

    /// <summary>The gateway's GC mode: its runtimeconfig.json, overridden by DOTNET_gcServer/DOTNET_gcConcurrent.</summary>
    private static string GcMode(string hostDll)
    {
        bool server = false, concurrent = true;
        var config = Path.ChangeExtension(hostDll, ".runtimeconfig.json");
        if (File.Exists(config))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(config));
            if (doc.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var props))
            {
                if (props.TryGetProperty("System.GC.Server", out var s))
                {
                    server = s.GetBoolean();
                }

                if (props.TryGetProperty("System.GC.Concurrent", out var c))
                {
                    concurrent = c.GetBoolean();
                }
            }
        }

        if (Environment.GetEnvironmentVariable("DOTNET_gcServer") is { } envServer)
        {
            server = envServer == "1";
        }

        if (Environment.GetEnvironmentVariable("DOTNET_gcConcurrent") is { } envConcurrent)
        {
            concurrent = envConcurrent == "1";
        }

        return $"{(server ? "server" : "workstation")}, concurrent {(concurrent ? "on" : "off")}";
    }

    /// <summary>Every request a column is sent, serialized once.</summary>
    private sealed class TargetRequests
    {
        public TargetRequests(Target target, BenchOptions o)
        {
            Small = target.Messages(RequestBodies.Small());
            SmallDelayed = target.Messages(RequestBodies.SmallDelayed(20));
            Stream0 = target.Messages(RequestBodies.SmallStream(64, 0));
            Stream20 = target.Messages(RequestBodies.SmallStream(64, 20));
            Ramp = target.Messages(RequestBodies.SmallStream(o.RampDeltas, 20));
            var cc = RequestBodies.ClaudeCode();
            ClaudeCodeBodyBytes = cc.Length;
            ClaudeCode = target.Messages(cc);
            Large = target.Messages(RequestBodies.Large(o.LargeBodyBytes));
        }

        public byte[] Small { get; }
        public byte[] SmallDelayed { get; }
        public byte[] Stream0 { get; }
        public byte[] Stream20 { get; }
        public byte[] Ramp { get; }
        public byte[] ClaudeCode { get; }
        public int ClaudeCodeBodyBytes { get; }
        public byte[] Large { get; }
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
