using System.Collections.Concurrent;
using System.Diagnostics;
using Gateway.Fuzz.Tests.Fuzzing;
using Gateway.Fuzz.Tests.Wire;

namespace Gateway.Fuzz.Tests.Harness;

/// <summary>Runs the seeded cases against the gateway from a few concurrent clients, with serving probes every
/// second and once at the end.</summary>
internal static class FuzzCampaign
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);

    public static async Task<FuzzRun> RunAsync(FuzzGateway gateway, FuzzSettings settings)
    {
        var outcomes = new ConcurrentQueue<CaseOutcome>();
        var probeFailures = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        var next = -1;
        var run = 0;
        var stoppedByTime = false;

        async Task WorkerAsync()
        {
            while (true)
            {
                if (clock.Elapsed > settings.WallTime)
                {
                    stoppedByTime = true;
                    return;
                }

                var id = Interlocked.Increment(ref next);
                if (id >= settings.Cases)
                {
                    return;
                }

                var fuzzCase = FuzzCaseGenerator.Generate(settings.Seed, id, gateway.Port);
                try
                {
                    var exchange = await RawClient.ExchangeAsync(
                        gateway.Port,
                        fuzzCase.Segments,
                        fuzzCase.Requests.Count,
                        i => i < fuzzCase.Requests.Count && fuzzCase.Requests[i].IsHead,
                        fuzzCase.Abort,
                        ReadTimeout);
                    outcomes.Enqueue(new CaseOutcome(fuzzCase, exchange));
                }
                catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException)
                {
                    outcomes.Enqueue(new CaseOutcome(fuzzCase, new RawExchange([], [], ExchangeEnd.Closed), e.Message));
                }

                Interlocked.Increment(ref run);
            }
        }

        async Task ProbeAsync(int number)
        {
            var (probes, failures) = await ServingProbe.CheckAsync(gateway.Port, number);
            foreach (var probe in probes)
            {
                outcomes.Enqueue(probe);
            }

            foreach (var failure in failures)
            {
                probeFailures.Enqueue($"after {Volatile.Read(ref run)} cases: {failure}");
            }
        }

        var workers = Task.WhenAll(Enumerable.Range(0, settings.Workers).Select(_ => Task.Run(WorkerAsync)));
        var probeNumber = 0;
        while (!workers.IsCompleted)
        {
            await Task.WhenAny(workers, Task.Delay(ProbeInterval));
            await ProbeAsync(++probeNumber);
        }

        await workers;
        var elapsed = clock.Elapsed;
        return new FuzzRun(settings, [.. outcomes], [.. probeFailures], run, elapsed, stoppedByTime);
    }
}
