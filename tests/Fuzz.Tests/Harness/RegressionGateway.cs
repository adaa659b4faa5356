using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Gateway.Fuzz.Tests.Invariants;
using Gateway.Fuzz.Tests.Wire;

namespace Gateway.Fuzz.Tests.Harness;

/// <summary>One gateway for the fixed regression inputs. xunit runs a class's tests one at a time, so what the
/// upstream received since a test began is that test's.</summary>
public sealed class RegressionGateway : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private FuzzGateway? _gateway;
    private int _tags;

    internal FuzzGateway Gateway => _gateway!;

    public async Task InitializeAsync() => _gateway = await FuzzGateway.StartAsync();

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    /// <summary>A tag no other request of the run has.</summary>
    internal string NextTag() => "regression." + Interlocked.Increment(ref _tags);

    /// <summary>Sends raw bytes on a fresh connection and returns what came back, plus every upstream request and
    /// broken upstream connection that appeared meanwhile (waiting a moment for stragglers).</summary>
    internal async Task<(RawExchange Client, IReadOnlyList<WireMessage> Upstream, IReadOnlyList<string> UpstreamErrors)> SendAsync(
        string request, int pauseBeforeAbortMs = -1)
    {
        var brokenBefore = Gateway.Upstream.Connections.Where(c => c.Error is not null).ToHashSet();
        var requestsBefore = Gateway.Upstream.Connections.Select(c => c.Requests.Count).ToList();
        var bytes = Encoding.Latin1.GetBytes(request);
        var abort = pauseBeforeAbortMs >= 0;
        var exchange = await RawClient.ExchangeAsync(Gateway.Port, [new Segment(bytes, Math.Max(0, pauseBeforeAbortMs))], 1, _ => false, abort, Patience);
        // A smuggled second request would arrive right behind the first: give it the time to.
        await Task.Delay(300);
        var connections = Gateway.Upstream.Connections;
        var requests = connections.SelectMany((c, i) => c.Requests.Skip(i < requestsBefore.Count ? requestsBefore[i] : 0)).ToList();
        var errors = connections.Where(c => c.Error is not null && !brokenBefore.Contains(c)).Select(c => $"{c.Error}: {WireParser.Escape(c.FailedBytes)}").ToList();
        return (exchange, requests, errors);
    }

    /// <summary>The file-log line of the request with the given tag, polled for (the log phase runs after the
    /// response); null when none appeared.</summary>
    internal async Task<JsonElement?> LogLineAsync(string tag)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            if (File.Exists(Gateway.LogPath))
            {
                string text;
                await using (var stream = new FileStream(Gateway.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                using (var reader = new StreamReader(stream))
                {
                    text = await reader.ReadToEndAsync();
                }

                foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    using var document = JsonDocument.Parse(line);
                    if (LogLineInvariant.Tag(document.RootElement) == tag)
                    {
                        return document.RootElement.Clone();
                    }
                }
            }

            await Task.Delay(50);
        }

        return null;
    }
}
