using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Integration.Tests.Infrastructure;
using Gateway.Integration.Tests.Plugins.FileLog;

namespace Gateway.Integration.Tests.Proxy;

/// <summary>Kong's <c>tries[]</c>: every proxied request records its attempts, on a new connection or a kept-alive
/// one, and a connection is charged to the request that used it.</summary>
public sealed class TriesTests
{
    [Fact]
    public async Task Tries_RequestsOnOneKeptAliveConnection_EachLogsItsTry()
    {
        await using var g = await LoggedGateway.StartAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var ids = new List<string>();
        var connections = new List<string?>();

        for (var i = 0; i < 3; i++)
        {
            using var response = await g.Gateway.Client.GetAsync($"/r/{i}");
            ids.Add(response.Headers.GetValues("X-Kong-Request-Id").Single());
            connections.Add((await response.Content.ReadFromJsonAsync<EchoedRequest>())!.ConnectionId);
        }

        Assert.Single(connections.Distinct()); // one upstream connection, kept alive
        foreach (var id in ids)
        {
            var attempt = Assert.Single((await g.EntryAsync(id)).GetProperty("tries").EnumerateArray());
            Assert.Equal("127.0.0.1", attempt.GetProperty("ip").GetString());
            Assert.Equal(g.Upstream.Port, attempt.GetProperty("port").GetInt32());
            Assert.InRange(attempt.GetProperty("balancer_start").GetInt64(), before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            Assert.True(attempt.GetProperty("balancer_latency").GetInt64() >= 0);
            Assert.False(attempt.TryGetProperty("state", out _));
        }
    }

    [Fact]
    public async Task Tries_ConcurrentRequestsSharingThePool_EachChargedExactlyOneTry()
    {
        await using var g = await LoggedGateway.StartAsync();
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        var connections = new System.Collections.Concurrent.ConcurrentBag<string?>();

        // Waves of concurrent requests: later waves reuse the connections earlier ones opened, and a connection
        // opened for one request may be taken by another.
        await Parallel.ForEachAsync(Enumerable.Range(0, 48), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var response = await g.Gateway.Client.GetAsync($"/r/slow?ms={i % 3 * 20}", ct);
            ids.Add(response.Headers.GetValues("X-Kong-Request-Id").Single());
            var body = await response.Content.ReadAsStringAsync(ct);
            connections.Add(body == "slow" ? null : JsonSerializer.Deserialize<EchoedRequest>(body)!.ConnectionId);
        });

        var entries = await LogFile.WaitForRequestIdsAsync(g.LogPath, [.. ids]);
        foreach (var entry in entries)
        {
            var attempt = Assert.Single(entry.GetProperty("tries").EnumerateArray());
            Assert.False(attempt.TryGetProperty("state", out _));
        }
    }

    [Fact]
    public async Task Tries_ConnectRefusedThroughTheRetries_EveryAttemptLoggedAsFailed()
    {
        await using var g = await LoggedGateway.StartAsync(service: "retries: 2", port: Pipeline.LogPhaseTests.ClosedPort());

        using var response = await g.Gateway.Client.GetAsync("/r");

        Assert.Equal(502, (int)response.StatusCode);
        var tries = (await g.EntryAsync(response.Headers.GetValues("X-Kong-Request-Id").Single())).GetProperty("tries").EnumerateArray().ToList();
        Assert.Equal(3, tries.Count);
        Assert.All(tries, t =>
        {
            Assert.Equal("failed", t.GetProperty("state").GetString());
            Assert.Equal("ConnectionRefused", t.GetProperty("code").GetString());
        });
    }
}
