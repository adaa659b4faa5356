namespace Gateway.Plugins.AiRateLimitingAdvanced.Windows;

/// <summary>
/// Kong's window arithmetic, on Unix time in seconds (fractions kept). Windows are aligned on multiples of their size;
/// a sliding estimate weighs the previous window by the part of it that still falls in the last <c>size</c> seconds.
/// </summary>
internal static class WindowMath
{
    /// <summary>The start of the window that holds <paramref name="now"/>.</summary>
    public static long Start(double now, long size) => (long)Math.Floor(now / size) * size;

    /// <summary>The count the check compares with the limit, without the current request.</summary>
    public static double Rate(bool sliding, double current, double previous, double now, long size)
    {
        if (!sliding)
        {
            return current;
        }

        var elapsed = now - Start(now, size);
        return current + (previous * (size - elapsed) / size);
    }

    /// <summary>What the client may still spend: <c>max(limit − rate, 0)</c>, floored except for cost budgets.</summary>
    public static double Remaining(double limit, double rate, bool cost)
    {
        var remaining = Math.Max(limit - rate, 0);
        return cost ? remaining : Math.Floor(remaining);
    }

    /// <summary>
    /// Seconds until a refused client may try again: the rest of the window, at least 1; a sliding window adds the
    /// share of the window it takes for the previous window's weight to bring the rate back under the limit
    /// (<c>(rate − limit) / (rate + limit) × size</c>, Kong's estimate), rounded up.
    /// </summary>
    public static long Reset(bool sliding, double rate, double limit, double now, long size)
    {
        var reset = Math.Max(1, size - (now - Start(now, size)));
        if (sliding)
        {
            reset += (rate - limit) / (rate + limit) * size;
        }

        return (long)Math.Ceiling(reset);
    }
}
