using Gateway.Plugins;

namespace Gateway.Host.Loading;

/// <summary>
/// Plugin classes handed over as types by code that embeds the gateway (the testing package) instead of loaded
/// from a file: the embedding assembly already references them, so they run in the host's load context and the
/// file checks (existence, contract version, a stray contract copy) do not apply.
/// </summary>
internal static class InProcessPlugins
{
    public static IReadOnlyList<LoadedPluginAssembly> Load(IReadOnlyList<Type> types)
    {
        foreach (var type in types)
        {
            if (type is not { IsClass: true, IsAbstract: false } || !typeof(IGatewayPlugin).IsAssignableFrom(type))
            {
                throw new GatewayStartupException($"in-process plugin type {type.FullName} is not a concrete class implementing {nameof(IGatewayPlugin)}");
            }
        }

        // Nobody named these plugins in a catalog, so, like a drop-in, each class is enabled under the name it
        // reports; only the given classes are registered, not the rest of their assembly.
        return types
            .Distinct()
            .GroupBy(t => t.Assembly)
            .Select(g => new LoadedPluginAssembly(
                new PluginCatalogEntry(g.Key.GetName().Name!, g.Key.Location, DropIn: true),
                g.Key,
                g.ToArray()))
            .ToArray();
    }
}
