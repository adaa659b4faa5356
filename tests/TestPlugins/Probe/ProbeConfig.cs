namespace Gateway.TestPlugins.Probe;

/// <summary>What a probe does besides recording its calls.</summary>
internal sealed record ProbeConfig
{
    public string Tag { get; init; } = "";
    public int? ExitStatus { get; init; }
    public string? ExitBody { get; init; }
    /// <summary>access, header_filter, body_filter or log.</summary>
    public string? ThrowIn { get; init; }
    /// <summary>The body_filter throws on this chunk (1 = the first), to fail after earlier chunks went out.</summary>
    public int? ThrowOnChunk { get; init; }
    public bool Uppercase { get; init; }
    public bool HoldUntilEnd { get; init; }
    public string? SerializeKey { get; init; }
    public string? SerializeValue { get; init; }
    public string? SetUpstreamPath { get; init; }
    /// <summary>A request header value the access phase sets as <c>x-probe-{name}</c>, sent upstream.</summary>
    public string? RequestHeader { get; init; }
    /// <summary>The log phase records the shared <see cref="Gateway.Plugins.AiContextKeys.Usage"/> it sees.</summary>
    public bool RecordAiUsage { get; init; }
}
