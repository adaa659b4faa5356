using Gateway.Plugins;

namespace Gateway.Host.Pipeline;

/// <summary>A plugin with the one configured instance that applies to a route, and its slot in the chain.</summary>
internal sealed record BoundPlugin(IGatewayPlugin Plugin, PluginInstance Instance, int Slot)
{
    public IAccessPhase? Access { get; } = Plugin as IAccessPhase;
    public IHeaderFilterPhase? HeaderFilter { get; } = Plugin as IHeaderFilterPhase;
    public IBodyFilterPhase? BodyFilter { get; } = Plugin as IBodyFilterPhase;
    public ILogPhase? Log { get; } = Plugin as ILogPhase;
}
