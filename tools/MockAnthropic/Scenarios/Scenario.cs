namespace Gateway.MockAnthropic.Scenarios;

/// <summary>What the markers of one request asked for; unset members mean "behave normally".</summary>
internal sealed class Scenario
{
    public static readonly Scenario None = new();

    /// <summary>The markers as written without brackets, space-separated, for the recording.</summary>
    public string Description { get; set; } = "";

    public string? Text { get; set; }

    public string? BashCommand { get; set; }

    public int? SlowFirstTokenMs { get; set; }

    public bool HoldAfterFirstEvent { get; set; }

    public bool StreamError { get; set; }

    public int? Status { get; set; }

    public int? StatusOnce { get; set; }

    /// <summary>Counter key of <see cref="StatusOnce"/>: the marker body, so distinct tags count separately.</summary>
    public string? StatusOnceKey { get; set; }

    public int? DeltaCount { get; set; }

    public int? DeltaIntervalMs { get; set; }

    public int? DisconnectAfterEvents { get; set; }
}
