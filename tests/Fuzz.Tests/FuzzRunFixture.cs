using Gateway.Fuzz.Tests.Fuzzing;
using Gateway.Fuzz.Tests.Harness;
using Gateway.Fuzz.Tests.Invariants;

namespace Gateway.Fuzz.Tests;

/// <summary>One seeded run for the whole class: start the gateway, fuzz it, probe it, stop it (which flushes
/// file-log), and keep the evidence. Each invariant is then its own test over the same run. <c>FUZZ_DUMP=path</c>
/// writes every case with how it ended and the statuses it got, for shrinking a failure by hand.</summary>
public sealed class FuzzRunFixture : IAsyncLifetime
{
    private FuzzGateway? _gateway;

    internal RunEvidence Evidence { get; private set; } = null!;

    /// <summary>Where the fixture's time went, for the test output.</summary>
    internal string Stages { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var settings = FuzzSettings.FromEnvironment();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _gateway = await FuzzGateway.StartAsync();
        var started = clock.Elapsed;
        var run = await FuzzCampaign.RunAsync(_gateway, settings);
        var ran = clock.Elapsed;
        // The last probe also runs after the last case, so "keeps serving" holds at the end, not just during.
        await _gateway.StopAsync();
        Stages = $"start {started.TotalSeconds:0.0} s, run {(ran - started).TotalSeconds:0.0} s, stop {(clock.Elapsed - ran).TotalSeconds:0.0} s";
        Evidence = new RunEvidence(
            run,
            _gateway.Upstream.Connections,
            File.Exists(_gateway.LogPath) ? await File.ReadAllTextAsync(_gateway.LogPath) : "",
            _gateway.Logs.Entries);
        if (Environment.GetEnvironmentVariable("FUZZ_DUMP") is { Length: > 0 } dump)
        {
            await File.WriteAllLinesAsync(dump, run.Outcomes.Select(o =>
                $"{o.Exchange.Ended} [{string.Join(",", o.Exchange.Responses.Select(r => r.Status))}] {o.Case.Describe(settings)}"));
        }
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }
}
