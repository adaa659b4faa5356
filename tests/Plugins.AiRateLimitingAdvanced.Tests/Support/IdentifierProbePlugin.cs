using Gateway.Plugins.AiRateLimitingAdvanced.Configuration;
using Gateway.Plugins.AiRateLimitingAdvanced.Enforcement;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Tests.Support;

/// <summary>
/// Runs <see cref="ResolveIdentifier"/> on the host's real request context, with an ai-rate-limiting-advanced config
/// bound by the host, after key-auth (1250) has identified the caller, and puts the result in the log entry as
/// <see cref="LogField"/>: the identifier the budget plugin would count under.
/// </summary>
internal sealed class IdentifierProbePlugin : IGatewayPlugin, IAccessPhase
{
    public const string LogField = "identifier_probe";

    public string Name => "identifier-probe";

    public int Priority => 905;

    public string Version => "1.0.0";

    public Type ConfigType => typeof(AiRateLimitingAdvancedConfig);

    public ValueTask AccessAsync(PluginContext context)
    {
        context.SetSerializeValue(LogField, ResolveIdentifier.Run(context, context.GetConfig<AiRateLimitingAdvancedConfig>()));
        return ValueTask.CompletedTask;
    }
}
