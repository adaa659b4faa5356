using System.Net;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// Kong's host check (utils.normalize_ip, then a character check for names): an IP address, or a name of
/// letters, digits, dots, hyphens and underscores. Unlike <see cref="Uri.CheckHostName"/> it has no 63-character
/// label limit, so configs Kong accepts load here too.
/// </summary>
internal static class HostName
{
    public static bool IsValid(string host)
    {
        if (host.Length == 0)
            return false;
        if (host.StartsWith('[') && host.EndsWith(']'))
            return IPAddress.TryParse(host[1..^1], out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        if (host.Contains(':', StringComparison.Ordinal))
            return IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        return host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
    }
}
