using Gateway.Plugins;

namespace Gateway.Host.Loading;

/// <summary>
/// What the startup log and <c>check</c> say about one loaded plugin: enough to tell which build of which plugin
/// runs, from which file, against which contract, when a drop-in or a catalog edit did not do what was meant.
/// </summary>
internal sealed record PluginDescription(string Name, string Version, int Priority, string Phases, string AssemblyPath, string Contract)
{
    private static readonly string ContractName = typeof(IGatewayPlugin).Assembly.GetName().Name!;

    private static readonly (Type Phase, string Name)[] PhaseNames =
    [
        (typeof(IConfigurePhase), "configure"),
        (typeof(IAccessPhase), "access"),
        (typeof(IHeaderFilterPhase), "header_filter"),
        (typeof(IBodyFilterPhase), "body_filter"),
        (typeof(ILogPhase), "log"),
    ];

    /// <summary>The enabled plugins in the order they run (priority, highest first), one description each.</summary>
    public static IReadOnlyList<PluginDescription> Of(IReadOnlyDictionary<string, IGatewayPlugin> plugins, IReadOnlyList<LoadedPluginAssembly> loaded)
    {
        return plugins.Values
            .OrderByDescending(p => p.Priority).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => Of(p, loaded.First(l => l.Assembly == p.GetType().Assembly).Entry.AssemblyPath))
            .ToArray();
    }

    private static PluginDescription Of(IGatewayPlugin plugin, string assemblyPath)
    {
        var phases = PhaseNames.Where(p => p.Phase.IsInstanceOfType(plugin)).Select(p => p.Name).ToArray();
        // The version the plugin was compiled against, not the host's: the two differ in minor version when an
        // older plugin runs on a newer gateway, which is the first thing to look at when a plugin misbehaves.
        var contract = plugin.GetType().Assembly.GetReferencedAssemblies().FirstOrDefault(a => a.Name == ContractName)?.Version;
        return new PluginDescription(
            plugin.Name,
            plugin.Version,
            plugin.Priority,
            phases.Length == 0 ? "none" : string.Join(',', phases),
            assemblyPath,
            contract is null ? "unknown" : ContractVersionCheck.Short(contract));
    }

    /// <summary>The line <c>check</c> prints; the startup log's message has the same wording.</summary>
    public override string ToString() =>
        $"Plugin {Name} {Version}: priority {Priority}, phases {Phases}, assembly {AssemblyPath}, contract {Contract}";
}
