using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Gateway.Plugins.AiRateLimitingAdvanced.Configuration;
using Gateway.Plugins.AiRateLimitingAdvanced.Counters;
using Gateway.Plugins.AiRateLimitingAdvanced.Enforcement;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Gateway.Bench.Micro;

/// <summary>
/// What ai-rate-limiting-advanced adds to one request: the access-phase read and check, and the log-phase count, for
/// one provider with two windows (a minute and a day). <c>Local</c> is in-process; <c>Redis</c> is one MGET and one
/// Lua script against a redis-server on loopback that the setup starts (it must be installed:
/// <c>apt-get install -y redis-server</c>).
/// </summary>
[MemoryDiagnoser]
public class BudgetBenchmarks
{
    private readonly RateLimitState _state = new();
    private RateLimitPolicy _local = null!;
    private RateLimitPolicy _redis = null!;
    private Process? _server;
    private ConnectionMultiplexer? _connection;
    private double _now = 1_700_000_000;

    [GlobalSetup]
    public void Setup()
    {
        var config = new AiRateLimitingAdvancedConfig
        {
            LlmProviders = [new LlmProviderConfig { Name = "anthropic", Limit = [1e12, 1e12], WindowSize = [60, 86400] }],
        };
        var local = new LocalCounterStore(TimeProvider.System);
        _local = new RateLimitPolicy(config, "bench", local);

        var port = FreePort();
        _server = Process.Start(new ProcessStartInfo("/usr/bin/redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("redis-server did not start (apt-get install -y redis-server)");
        Thread.Sleep(300);
        _connection = ConnectionMultiplexer.Connect(RedisConnections.Options(new RedisConfig { Port = port }));
        var reporter = new RedisFailureReporter(NullLogger.Instance, TimeProvider.System, $"127.0.0.1:{port}", null);
        _redis = new RateLimitPolicy(config, "bench", new RedisCounterStore(_connection, 0, "bench", new LocalCounterStore(TimeProvider.System), reporter));
        _state.Prepare(2);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _connection?.Dispose();
        _server?.Kill();
        _server?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<bool> Local() => RequestAsync(_local);

    [Benchmark]
    public Task<bool> Redis() => RequestAsync(_redis);

    /// <summary>One request's work: read and check in access, count 1,234 tokens in log. A handful of identifiers, so
    /// the counters exist, as for a team's steady traffic.</summary>
    private async Task<bool> RequestAsync(RateLimitPolicy policy)
    {
        _now += 0.001;
        var identifier = Identifiers[(int)(_now * 1000) & 7];
        await policy.Store.ReadAsync(policy.Windows, identifier, _now, _state.Current, _state.Previous);
        var denied = CheckBudget.Run(policy, _state, _now);
        await policy.Store.AddAsync(policy.Windows, 0, 2, identifier, _now, 1234);
        return denied;
    }

    private static readonly string[] Identifiers = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
