using Gateway.Host.Configuration.Model;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>A plugin as read from one file; nested plugins get their scope from the parent at apply time.</summary>
internal sealed record PluginDraft(string? ExplicitId, PluginEntity Entity, EntityRef? ServiceRef, EntityRef? RouteRef);
