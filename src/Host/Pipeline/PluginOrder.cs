using Gateway.Plugins;

namespace Gateway.Host.Pipeline;

/// <summary>Kong's order within a phase: higher priority first; equal priorities by name, descending
/// (<c>kong/db/dao/plugins.lua</c>, <c>sort_by_handler_priority</c>). The same order serves every phase.</summary>
internal sealed class PluginOrder : IComparer<IGatewayPlugin>
{
    public static readonly PluginOrder Instance = new();

    public int Compare(IGatewayPlugin? x, IGatewayPlugin? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? 1 : -1;
        }

        var byPriority = y.Priority.CompareTo(x.Priority);
        return byPriority != 0 ? byPriority : string.CompareOrdinal(y.Name, x.Name);
    }
}
