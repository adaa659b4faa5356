namespace Gateway.Plugins.Prometheus.Configuration;

/// <summary>What the <c>client</c> label of the <c>kong_ai_llm_client_*</c> series holds.</summary>
internal enum AiClientLabel
{
    /// <summary>No client series.</summary>
    None,

    /// <summary>Claude Code's <c>x-claude-code-session-id</c> request header.</summary>
    Session,

    /// <summary>The user-agent's product name, e.g. <c>claude-cli</c> from <c>claude-cli/2.0.14 (external, cli)</c>.</summary>
    UserAgent,
}
