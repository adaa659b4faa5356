using Gateway.Plugins.AiProxy.Configuration;

namespace Gateway.Plugins.AiProxy.AnthropicToOpenAi;

/// <summary>
/// Which backend model answers a Claude Code request: <c>model.options.model_aliases[requested]</c> (Claude Code's
/// main and small/fast model names mapped to the backend's), else the pinned <c>model.name</c>, else the requested
/// name as sent (for a client started with <c>ANTHROPIC_MODEL=&lt;backend name&gt;</c>).
/// </summary>
internal static class ModelMap
{
    public static string? Resolve(AiProxyConfig config, string? requested)
    {
        var model = config.ValidModel;
        if (requested is not null && model.Options.ModelAliases is { } aliases && aliases.TryGetValue(requested, out var alias))
        {
            return alias;
        }

        var backend = model.Name ?? requested;
        return string.IsNullOrEmpty(backend) || backend.Any(char.IsControl) ? null : backend;
    }
}
