using Gateway.Plugins;

namespace Gateway.Host.Tests.Pipeline;

internal sealed class FakePlugin(string name, int priority) : IGatewayPlugin, IAccessPhase, ILogPhase
{
    public string Name => name;
    public int Priority => priority;
    public string Version => "1.0.0";
    public Type ConfigType => typeof(FakeConfig);

    public ValueTask AccessAsync(PluginContext context) => ValueTask.CompletedTask;

    public ValueTask LogAsync(PluginContext context) => ValueTask.CompletedTask;
}

internal sealed record FakeConfig
{
    public string Tag { get; init; } = "";
}
