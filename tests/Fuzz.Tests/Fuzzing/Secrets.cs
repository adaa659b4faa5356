namespace Gateway.Fuzz.Tests.Fuzzing;

/// <summary>
/// Credentials the run plants, each unique enough that finding it anywhere is proof of a leak: the provider key
/// the gateway holds, and the client credentials the fuzzer sends in the headers the gateway must redact.
/// </summary>
internal static class Secrets
{
    public const string ProviderKey = "sk-ant-fuzz-SECRET-provider-7f3a9c2e";
    public const string Bearer = "cli-SECRET-bearer-51d2b7";
    public const string ApiKey = "cli-SECRET-apikey-9e0b44";
    public const string Cookie = "cli-SECRET-cookie-c4a8e1";
    public const string ProxyAuthorization = "cli-SECRET-proxyauth-03f6d9";

    public static IReadOnlyList<string> All { get; } = [ProviderKey, Bearer, ApiKey, Cookie, ProxyAuthorization];

    /// <summary>The headers that carry them, as a client sends them.</summary>
    public static IReadOnlyList<(string Name, string Value)> ClientHeaders { get; } =
    [
        ("Authorization", "Bearer " + Bearer),
        ("x-api-key", ApiKey),
        ("Cookie", "session=" + Cookie),
        ("Proxy-Authorization", "Basic " + ProxyAuthorization),
    ];
}
