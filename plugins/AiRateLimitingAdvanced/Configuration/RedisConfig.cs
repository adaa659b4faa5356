using System.Text.Json;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Configuration;

/// <summary>
/// The <c>redis</c> record, with Kong's field names and defaults (the <c>redis-ee</c> partial). One server (or a
/// proxy in front of several) is supported; Sentinel, Cluster and cloud authentication are bound only to be rejected
/// by name.
/// </summary>
internal sealed record RedisConfig
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 6379;

    public int Database { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    public bool Ssl { get; init; }

    public bool SslVerify { get; init; }

    public string? ServerName { get; init; }

    /// <summary>Milliseconds.</summary>
    public int ConnectTimeout { get; init; } = 2000;

    /// <summary>Milliseconds.</summary>
    public int SendTimeout { get; init; } = 2000;

    /// <summary>Milliseconds.</summary>
    public int ReadTimeout { get; init; } = 2000;

    /// <summary>Accepted: one multiplexed connection per Redis config replaces Kong's per-worker pool.</summary>
    public int KeepalivePoolSize { get; init; } = 256;

    /// <summary>Accepted, as <see cref="KeepalivePoolSize"/>.</summary>
    public int? KeepaliveBacklog { get; init; }

    /// <summary>Accepted: commands go to the one configured endpoint either way.</summary>
    public bool ConnectionIsProxied { get; init; }

    public string? SentinelMaster { get; init; }

    public string? SentinelRole { get; init; }

    public JsonElement? SentinelNodes { get; init; }

    public string? SentinelUsername { get; init; }

    public string? SentinelPassword { get; init; }

    public JsonElement? ClusterNodes { get; init; }

    public int ClusterMaxRedirections { get; init; } = 5;

    public JsonElement? CloudAuthentication { get; init; }
}
