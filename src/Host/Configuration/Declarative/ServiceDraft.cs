using Gateway.Host.Configuration.Model;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>A service as read from one file, before its id is settled against earlier files.</summary>
internal sealed record ServiceDraft(
    string? ExplicitId, ServiceEntity Entity, string Location,
    IReadOnlyList<RouteDraft> Routes, IReadOnlyList<PluginDraft> Plugins);
