namespace Gateway.Host.Configuration.Declarative;

/// <summary>Everything one file declares, in file order; applied to the running state as one decK apply.</summary>
internal sealed record FileDraft(
    string SourceName,
    IReadOnlyList<ServiceDraft> Services,
    IReadOnlyList<RouteDraft> Routes,
    IReadOnlyList<PluginDraft> Plugins)
{
    public IReadOnlyList<ConsumerDraft> Consumers { get; init; } = [];
    public IReadOnlyList<KeyAuthCredentialDraft> KeyAuthCredentials { get; init; } = [];
}
