using System.Text.Json.Nodes;

namespace Gateway.Host.Configuration.Model;

/// <summary>A Kong plugin instance as declared; its <see cref="Config"/> is bound later by the plugin's type.</summary>
internal sealed record PluginEntity
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? InstanceName { get; init; }
    public string? ServiceId { get; init; }
    public string? RouteId { get; init; }
    public string? ConsumerId { get; init; }
    public bool Enabled { get; init; } = true;
    public IReadOnlyList<string> Protocols { get; init; } = ["grpc", "grpcs", "http", "https"];
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>The raw <c>config</c> object (empty when absent).</summary>
    public required JsonObject Config { get; init; }
    /// <summary>Where it was declared, for error messages: <c>kong.yaml: plugins[1] (ai-proxy)</c>.</summary>
    public required string Source { get; init; }
}
