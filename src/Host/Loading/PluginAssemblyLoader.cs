using System.Reflection;
using Gateway.Plugins;
using McMaster.NETCore.Plugins;

namespace Gateway.Host.Loading;

/// <summary>
/// Loads each catalog entry into its own load context with McMaster.NETCore.Plugins, sharing only the plugin
/// contract (and, through it, the framework) with the host, so plugins may carry other versions of any library.
/// </summary>
internal static class PluginAssemblyLoader
{
    public static IReadOnlyList<LoadedPluginAssembly> LoadAll(IReadOnlyList<PluginCatalogEntry> catalog)
    {
        // Several catalog names may point at one assembly (a package of plugins): load it once, or each copy's
        // classes would be registered again under the same names.
        var byPath = new Dictionary<string, LoadedPluginAssembly>(StringComparer.Ordinal);
        var loaded = new List<LoadedPluginAssembly>(catalog.Count);
        foreach (var entry in catalog)
        {
            if (!byPath.TryGetValue(entry.AssemblyPath, out var assembly))
            {
                assembly = Load(entry);
                byPath[entry.AssemblyPath] = assembly;
            }

            loaded.Add(assembly with { Entry = entry });
        }

        return loaded;
    }

    // The repository's build puts the plugins it bundles in <root>/artifacts/plugins/<Plugin>/, beside Gateway.slnx.
    private static bool IsBundled(string assemblyPath)
    {
        var plugins = Path.GetDirectoryName(Path.GetDirectoryName(assemblyPath));
        var artifacts = Path.GetDirectoryName(plugins);
        var root = Path.GetDirectoryName(artifacts);
        return Path.GetFileName(plugins) == "plugins" && Path.GetFileName(artifacts) == "artifacts"
            && root is not null && File.Exists(Path.Combine(root, "Gateway.slnx"));
    }

    private static LoadedPluginAssembly Load(PluginCatalogEntry entry)
    {
        if (!File.Exists(entry.AssemblyPath))
        {
            // Building the repository only helps for the plugins it builds; an outside author's plugin is elsewhere.
            var advice = IsBundled(entry.AssemblyPath) ? " (run 'dotnet build' at the repository root)" : string.Empty;
            throw new GatewayStartupException($"plugin '{entry.Name}': assembly not found: {entry.AssemblyPath}{advice}");
        }

        ContractVersionCheck.Verify(entry);

        Assembly assembly;
        try
        {
            // Not unloadable: plugin types end up in the host's container, which pins their load context anyway.
            var loader = PluginLoader.CreateFromAssemblyFile(
                entry.AssemblyPath,
                sharedTypes: [typeof(IGatewayPlugin)],
                configure: config => config.PreferSharedTypes = false);
            assembly = loader.LoadDefaultAssembly();
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            throw new GatewayStartupException($"plugin '{entry.Name}': cannot load {entry.AssemblyPath}: {ex.Message}");
        }

        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            var first = ex.LoaderExceptions.FirstOrDefault(e => e is not null)?.Message ?? ex.Message;
            throw new GatewayStartupException($"plugin '{entry.Name}': types in {entry.AssemblyPath} cannot be loaded: {first}");
        }

        var pluginTypes = types.Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IGatewayPlugin).IsAssignableFrom(t)).ToArray();
        if (pluginTypes.Length == 0)
        {
            throw new GatewayStartupException($"plugin '{entry.Name}': {entry.AssemblyPath} contains no class implementing {nameof(IGatewayPlugin)}");
        }

        return new LoadedPluginAssembly(entry, assembly, pluginTypes);
    }
}
