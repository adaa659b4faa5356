namespace Gateway.Host.Pipeline;

/// <summary>
/// The plugins that run for one route, in Kong's order (priority descending, ties by name descending), with a
/// pre-filtered array per phase so a request never tests which phases a plugin implements.
/// </summary>
internal sealed class PluginChain
{
    public static readonly PluginChain Empty = new([]);

    public PluginChain(IReadOnlyList<BoundPlugin> plugins)
    {
        All = [.. plugins];
        Access = [.. plugins.Where(p => p.Access is not null)];
        HeaderFilter = [.. plugins.Where(p => p.HeaderFilter is not null)];
        BodyFilter = [.. plugins.Where(p => p.BodyFilter is not null)];
        Log = [.. plugins.Where(p => p.Log is not null)];
    }

    public BoundPlugin[] All { get; }
    public BoundPlugin[] Access { get; }
    public BoundPlugin[] HeaderFilter { get; }
    public BoundPlugin[] BodyFilter { get; }
    public BoundPlugin[] Log { get; }
}
