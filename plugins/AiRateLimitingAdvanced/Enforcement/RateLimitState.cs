namespace Gateway.Plugins.AiRateLimitingAdvanced.Enforcement;

/// <summary>What the access phase decided, for the header filter (headers) and the log phase (counting).</summary>
internal sealed class RateLimitState
{
    /// <summary>The access phase ran and read the counters.</summary>
    public bool Checked { get; set; }

    public bool Denied { get; set; }

    public string Identifier { get; set; } = string.Empty;

    public double[] Current { get; private set; } = [];

    public double[] Previous { get; private set; } = [];

    public double[] Rates { get; private set; } = [];

    /// <summary>Per window: seconds until a refused client may retry, or 0 when the window did not refuse.</summary>
    public long[] Resets { get; private set; } = [];

    public long[] Retries { get; private set; } = [];

    public long MaxReset { get; set; }

    public long MaxRetry { get; set; }

    public void Prepare(int windows)
    {
        if (Current.Length != windows)
        {
            Current = new double[windows];
            Previous = new double[windows];
            Rates = new double[windows];
            Resets = new long[windows];
            Retries = new long[windows];
        }
    }
}
