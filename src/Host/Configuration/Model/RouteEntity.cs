namespace Gateway.Host.Configuration.Model;

/// <summary>A Kong route after defaults were applied.</summary>
internal sealed record RouteEntity
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    /// <summary>The id of the service it proxies to; null for a route without a service.</summary>
    public string? ServiceId { get; init; }
    public IReadOnlyList<string> Protocols { get; init; } = ["http", "https"];
    public IReadOnlyList<string> Methods { get; init; } = [];
    public IReadOnlyList<string> Hosts { get; init; } = [];
    public IReadOnlyList<string> Paths { get; init; } = [];
    /// <summary>Header name (lower-case) to accepted values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();
    public bool StripPath { get; init; } = true;
    public bool PreserveHost { get; init; }
    public int RegexPriority { get; init; }
    public string PathHandling { get; init; } = "v0";
    public int HttpsRedirectStatusCode { get; init; } = 426;
    public bool RequestBuffering { get; init; } = true;
    public bool ResponseBuffering { get; init; } = true;
    public IReadOnlyList<string> Tags { get; init; } = [];
}
