using System.Globalization;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Windows;

/// <summary>Kong's window names in header names: 60 is <c>minute</c>, any size without a name is its number.</summary>
internal static class WindowNames
{
    public static string For(long seconds) => seconds switch
    {
        1 => "second",
        60 => "minute",
        3600 => "hour",
        86400 => "day",
        2592000 => "month",
        31536000 => "year",
        _ => seconds.ToString(CultureInfo.InvariantCulture),
    };
}
