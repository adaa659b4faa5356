namespace Gateway.Host.Configuration.Model;

/// <summary>A Kong consumer as declared (<c>consumers[]</c>): at least one of username and custom_id.</summary>
internal sealed record ConsumerEntity
{
    public required string Id { get; init; }
    public string? Username { get; init; }
    public string? CustomId { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
}
