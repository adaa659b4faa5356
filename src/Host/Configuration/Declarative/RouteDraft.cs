using Gateway.Host.Configuration.Model;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>A route as read from one file; <see cref="ServiceRef"/> is null when nested or service-less.</summary>
internal sealed record RouteDraft(
    string? ExplicitId, RouteEntity Entity, EntityRef? ServiceRef, string Location,
    IReadOnlyList<PluginDraft> Plugins);
