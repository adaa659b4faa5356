namespace Gateway.MockAnthropic;

/// <summary>
/// Knobs of the mock. Properties are read on every request, so a test may change them between requests.
/// </summary>
internal sealed class MockAnthropicOptions
{
    /// <summary>Where Kestrel listens; port 0 picks a free port (see <see cref="MockAnthropicServer.BaseUri"/>).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>Delay before the response headers of every <c>/v1/*</c> request.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Text deltas per answer when no <c>[[mock:deltas:…]]</c> marker says otherwise; 0 means one per word.</summary>
    public int Deltas { get; set; }

    /// <summary>Pause between text deltas when no <c>[[mock:deltas:…]]</c> marker says otherwise.</summary>
    public int DeltaIntervalMs { get; set; }

    /// <summary>When set, requests whose <c>x-api-key</c> differs get 401 <c>authentication_error</c>.</summary>
    public string? ExpectedApiKey { get; set; }

    /// <summary>Upper bound on <c>[[mock:hold-after-first-event]]</c>, so a forgotten release cannot hang a run.</summary>
    public int HoldTimeoutMs { get; set; } = 30_000;

    /// <summary>Oldest recordings are dropped beyond this, so a long benchmark cannot exhaust memory.</summary>
    public int MaxRecordedRequests { get; set; } = 1_000;

    /// <summary>Bodies are recorded up to this many bytes; 0 records none (benchmarks).</summary>
    public int MaxRecordedBodyBytes { get; set; } = 1024 * 1024;
}
