namespace Gateway.Plugins.AiRateLimitingAdvanced.Configuration;

/// <summary>The values of <c>identifier</c>: what the counters are kept per.</summary>
internal static class Identifiers
{
    public const string Consumer = "consumer";
    public const string ConsumerGroup = "consumer-group";
    public const string Credential = "credential";
    public const string Header = "header";
    public const string Ip = "ip";
    public const string Path = "path";
    public const string Service = "service";

    public static readonly string[] All = [Consumer, ConsumerGroup, Credential, Header, Ip, Path, Service];
}
