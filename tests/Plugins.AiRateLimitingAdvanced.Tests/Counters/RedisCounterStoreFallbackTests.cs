using System.Net;
using System.Net.Sockets;
using Gateway.Plugins.AiRateLimitingAdvanced.Configuration;
using Gateway.Plugins.AiRateLimitingAdvanced.Counters;
using Gateway.Plugins.AiRateLimitingAdvanced.Enforcement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Tests.Counters;

/// <summary>
/// The real Redis client pointed at a port where nothing listens: every command fails, the store answers from the
/// instance's local counters (so a budget is still enforced on this instance), and the failures make one warning
/// per interval, then one more once the interval has passed.
/// </summary>
public sealed class RedisCounterStoreFallbackTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_040));
    private readonly ListLogger _logger = new();
    private readonly ConnectionMultiplexer _redis;
    private readonly RedisCounterStore _store;
    private readonly BudgetWindow[] _windows = [new("anthropic", 100, 60)];

    public RedisCounterStoreFallbackTests()
    {
        var port = ClosedPort();
        _redis = ConnectionMultiplexer.Connect(RedisConnections.Options(new RedisConfig { Port = port, ConnectTimeout = 200 }));
        var reporter = new RedisFailureReporter(_logger, _time, $"127.0.0.1:{port}", null);
        _store = new RedisCounterStore(_redis, 0, "ns", new LocalCounterStore(_time), reporter);
    }

    public void Dispose() => _redis.Dispose();

    [Fact]
    public async Task RedisDown_CountsAndChecksOnLocalCounters_WarningOncePerInterval()
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        await _store.AddAsync(_windows, 0, 1, "alice", now, 70);
        await _store.AddAsync(_windows, 0, 1, "alice", now, 40);
        var current = new double[1];
        var previous = new double[1];
        await _store.ReadAsync(_windows, "alice", now, current, previous);

        Assert.Equal(110, current[0]);
        Assert.Single(_logger.Warnings);

        _time.Advance(RedisFailureReporter.Interval);
        await _store.ReadAsync(_windows, "alice", now, current, previous);
        Assert.Equal(2, _logger.Warnings.Count);
        Assert.Contains("2 more failures since the last warning", _logger.Warnings[1], StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                lock (Warnings)
                {
                    Warnings.Add(formatter(state, exception));
                }
            }
        }
    }
}
