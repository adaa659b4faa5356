using Gateway.Host.Configuration.Model;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// A plugin as read from one file; a nested plugin's parent sets its own kind of scope at apply time.
/// <paramref name="UnsupportedScope"/> marks a consumer-group-scoped plugin: already an error, never applied.
/// </summary>
internal sealed record PluginDraft(
    string? ExplicitId, PluginEntity Entity, EntityRef? ServiceRef, EntityRef? RouteRef, bool UnsupportedScope = false)
{
    /// <summary>The <c>consumer</c> field; a plugin nested under a consumer gets its parent instead.</summary>
    public EntityRef? ConsumerRef { get; init; }
}
