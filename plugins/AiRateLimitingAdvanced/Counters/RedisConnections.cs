using Gateway.Plugins.AiRateLimitingAdvanced.Configuration;
using StackExchange.Redis;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Counters;

/// <summary>
/// One multiplexed connection per distinct Redis config, shared by every instance and request that uses it (the
/// client pipelines concurrent commands over it). Never fails startup: an unreachable Redis is retried in the
/// background while budgets fall back to local counters.
/// </summary>
internal sealed class RedisConnections : IAsyncDisposable
{
    private readonly Dictionary<string, IConnectionMultiplexer> _connections = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public IConnectionMultiplexer Get(RedisConfig config)
    {
        var key = Key(config);
        lock (_lock)
        {
            if (!_connections.TryGetValue(key, out var connection))
            {
                connection = ConnectionMultiplexer.Connect(Options(config));
                _connections.Add(key, connection);
            }

            return connection;
        }
    }

    public static string Endpoint(RedisConfig config) => $"{config.Host}:{config.Port}";

    internal static ConfigurationOptions Options(RedisConfig config)
    {
        var options = new ConfigurationOptions
        {
            EndPoints = { { config.Host, config.Port } },
            DefaultDatabase = config.Database,
            User = config.Username,
            Password = config.Password,
            Ssl = config.Ssl,
            SslHost = config.Ssl ? config.ServerName ?? config.Host : null,
            ConnectTimeout = config.ConnectTimeout,
            SyncTimeout = Math.Max(config.SendTimeout, config.ReadTimeout),
            AsyncTimeout = Math.Max(config.SendTimeout, config.ReadTimeout),
            // Startup must not depend on Redis, and while it is down a command must fail at once (the request falls
            // back to local counters) rather than wait in a backlog for a reconnect.
            AbortOnConnectFail = false,
            BacklogPolicy = BacklogPolicy.FailFast,
            ReconnectRetryPolicy = new LinearRetry(1000),
            ClientName = "kong-style-gateway",
        };
        if (config.Ssl && !config.SslVerify)
        {
            // Kong's ssl_verify defaults to false: the connection is encrypted, the server's certificate not checked.
            // That is the operator's choice in the config (docs/plugins/ai-rate-limiting-advanced.md says so).
#pragma warning disable CA5359
            options.CertificateValidation += static (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        return options;
    }

    // Everything that makes two configs open different connections; the password is part of it but the key is
    // never logged.
    private static string Key(RedisConfig c) =>
        string.Join('\n', c.Host, c.Port, c.Database, c.Username, c.Password, c.Ssl, c.SslVerify, c.ServerName,
            c.ConnectTimeout, c.SendTimeout, c.ReadTimeout);

    public async ValueTask DisposeAsync()
    {
        IConnectionMultiplexer[] connections;
        lock (_lock)
        {
            connections = [.. _connections.Values];
            _connections.Clear();
        }

        foreach (var connection in connections)
        {
            await connection.CloseAsync().ConfigureAwait(false);
            connection.Dispose();
        }
    }
}
