using Gateway.Host.Configuration.Model;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// <see cref="Config"/> is null whenever <see cref="Errors"/> is not empty. <see cref="Warnings"/> are things Kong
/// accepts silently but an operator should hear about (a repeated key, a url that overrides a field).
/// </summary>
internal sealed record ConfigLoadResult(GatewayConfig? Config, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);
