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
    /// <summary>Every phase takes two disposable states (one async, one sync) that record their disposal.</summary>
    public bool TrackState { get; init; }
    /// <summary>The tracked async state throws once it recorded its disposal.</summary>
    public bool DisposeThrows { get; init; }
    /// <summary>The access phase records the value the configure phase prepared for its instance.</summary>
    public bool RecordPrepared { get; init; }
    /// <summary>The access phase reads (buffers) the request body.</summary>
    public bool ReadBodyInAccess { get; init; }
    /// <summary>A context call to try in <see cref="MisuseIn"/>: exit, set_request_body, read_request_body,
    /// set_upstream, write_log_entry or set_prepared; the probe records what it did (ok, or the exception).</summary>
    public string? Misuse { get; init; }
    /// <summary>access, header_filter, body_filter or log.</summary>
    public string? MisuseIn { get; init; }
}
