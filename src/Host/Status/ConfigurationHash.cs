using System.Security.Cryptography;
using System.Text;
using Gateway.Host.Configuration.Declarative;
using Gateway.Host.Configuration.Model;

namespace Gateway.Host.Status;

/// <summary>
/// Kong's <c>configuration_hash</c> for a DB-less node: an MD5 of the declarative config, 32 hex digits, and 32
/// zeros when the config is empty (no services, routes or plugins). Ours hashes the config files' text in the order
/// they were applied, so it changes exactly when an operator's files do.
/// </summary>
internal sealed record ConfigurationHash(string Value)
{
    public const string Empty = "00000000000000000000000000000000";

    public bool IsEmpty => Value == Empty;

    public static ConfigurationHash Of(IReadOnlyList<ConfigSource> sources, GatewayConfig config)
    {
        if (config.Services.Count == 0 && config.Routes.Count == 0 && config.Plugins.Count == 0)
        {
            return new ConfigurationHash(Empty);
        }

        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        foreach (var source in sources)
        {
            md5.AppendData(Encoding.UTF8.GetBytes(source.Text));
        }

        return new ConfigurationHash(Convert.ToHexStringLower(md5.GetHashAndReset()));
    }
}
