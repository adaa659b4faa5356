namespace Gateway.Plugins.AiProxy.Tests.Support;

/// <summary>Ends every request in access before ai-proxy runs (a higher priority), as key-auth refusing a
/// client does.</summary>
internal sealed class EarlyExitPlugin : IGatewayPlugin, IAccessPhase
{
    public string Name => "early-exit";
    public int Priority => 1250;
    public string Version => "1.0.0";
    public Type ConfigType => typeof(EarlyExitConfig);

    public ValueTask AccessAsync(PluginContext context)
    {
        context.Exit(401, """{"message":"No API key found in request"}""");
        return ValueTask.CompletedTask;
    }
}

internal sealed record EarlyExitConfig;
