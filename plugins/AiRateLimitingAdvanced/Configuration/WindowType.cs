namespace Gateway.Plugins.AiRateLimitingAdvanced.Configuration;

/// <summary>How a window's count is estimated (<c>window_type</c>).</summary>
internal enum WindowType
{
    /// <summary>The current window plus the previous one weighted by how much of it still overlaps the last
    /// <c>window_size</c> seconds (Kong's default).</summary>
    Sliding,

    /// <summary>The current window only, reset at each window boundary.</summary>
    Fixed,
}
