namespace Gateway.Plugins.AiRateLimitingAdvanced.Enforcement;

/// <summary>
/// One <c>(limit[i], window_size[i])</c> pair of one provider, with everything the request path needs precomputed:
/// its header names and its Redis key prefix.
/// </summary>
internal sealed record BudgetWindow(string Provider, double Limit, long Size)
{
    public string Name { get; } = Windows.WindowNames.For(Size);

    public string LimitHeader => $"X-AI-RateLimit-Limit-{Name}-{Provider}";

    public string RemainingHeader => $"X-AI-RateLimit-Remaining-{Name}-{Provider}";

    public string ResetHeader => $"X-AI-RateLimit-Reset-{Name}-{Provider}";

    public string RetryAfterHeader => $"X-AI-RateLimit-Retry-After-{Name}-{Provider}";
}
