namespace Gateway.Host.Configuration.Model;

/// <summary>A Kong service after defaults and the <c>url</c> shorthand were applied.</summary>
internal sealed record ServiceEntity
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public string Protocol { get; init; } = "http";
    public required string Host { get; init; }
    public int Port { get; init; } = 80;
    public string? Path { get; init; }
    public int Retries { get; init; } = 5;
    public int ConnectTimeout { get; init; } = 60000;
    public int WriteTimeout { get; init; } = 60000;
    public int ReadTimeout { get; init; } = 60000;
    public bool Enabled { get; init; } = true;
    /// <summary>https only; null means Kong's global default (<c>proxy_ssl_verify</c>, off).</summary>
    public bool? TlsVerify { get; init; }
    /// <summary>https only; null means the global default.</summary>
    public int? TlsVerifyDepth { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
}
