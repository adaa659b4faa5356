using Gateway.Host.Configuration.Model;

namespace Gateway.Host.Configuration.Declarative;

/// <summary><see cref="Config"/> is null whenever <see cref="Errors"/> is not empty.</summary>
internal sealed record ConfigLoadResult(GatewayConfig? Config, IReadOnlyList<string> Errors);
