namespace Gateway.Plugins.AiRateLimitingAdvanced.Configuration;

/// <summary>Where the counters live (<c>strategy</c>).</summary>
internal enum CounterStrategy
{
    /// <summary>In this gateway process only.</summary>
    Local,

    /// <summary>Kong's database-backed counters: rejected, a DB-less gateway has no database.</summary>
    Cluster,

    /// <summary>In Redis, shared by every gateway instance that points at it.</summary>
    Redis,
}
