using Gateway.Host.Configuration.Model;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>A consumer as read from one file, with its nested credentials and consumer-scoped plugins.</summary>
internal sealed record ConsumerDraft(
    string? ExplicitId, ConsumerEntity Entity, string Location,
    IReadOnlyList<KeyAuthCredentialDraft> Credentials, IReadOnlyList<PluginDraft> Plugins);
