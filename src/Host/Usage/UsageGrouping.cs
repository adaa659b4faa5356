namespace Gateway.Host.Usage;

/// <summary>What one row of the usage table stands for (<c>--by</c>).</summary>
internal enum UsageGrouping
{
    /// <summary>The UTC day of <c>started_at</c>.</summary>
    Day,

    /// <summary><c>ai.proxy.meta.response_model</c>, else <c>request_model</c>.</summary>
    Model,

    /// <summary>Claude Code's <c>x-claude-code-session-id</c> request header.</summary>
    Session,

    /// <summary><c>route.name</c> (else the route's id).</summary>
    Route,
}
