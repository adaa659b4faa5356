using Gateway.Fuzz.Tests.Fuzzing;
using Gateway.Fuzz.Tests.Harness;
using Gateway.Fuzz.Tests.Invariants;

namespace Gateway.Fuzz.Tests;

/// <summary>One seeded run for the whole class: start the gateway, fuzz it, probe it, stop it (which flushes
/// file-log), and keep the evidence. Each invariant is then its own test over the same run.</summary>
public sealed class FuzzRunFixture : IAsyncLifetime
{
    private FuzzGateway? _gateway;

    internal RunEvidence Evidence { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = FuzzSettings.FromEnvironment();
        _gateway = await FuzzGateway.StartAsync();
        var run = await FuzzCampaign.RunAsync(_gateway, settings);
        // The last probe also runs after the last case, so "keeps serving" holds at the end, not just during.
        await _gateway.StopAsync();
        Evidence = new RunEvidence(
            run,
            _gateway.Upstream.Connections,
            File.Exists(_gateway.LogPath) ? await File.ReadAllTextAsync(_gateway.LogPath) : "",
            _gateway.Logs.Entries);
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }
}
