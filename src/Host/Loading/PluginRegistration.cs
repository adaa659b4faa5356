using Gateway.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Host.Loading;

/// <summary>Registers plugin classes with Scrutor: one singleton per class, resolvable by every phase interface.</summary>
internal static class PluginRegistration
{
    public static IServiceCollection AddGatewayPlugins(this IServiceCollection services, IReadOnlyList<LoadedPluginAssembly> plugins)
    {
        // The classes the loader found, not whole assemblies: an in-process assembly (a test project) holds more
        // plugin classes than it hands over. publicOnly: false because plugin classes are usually internal;
        // AsSelfWithInterfaces so that the IGatewayPlugin and phase registrations resolve to the same instance.
        return services.Scan(scan => scan
            .FromTypes(plugins.SelectMany(p => p.PluginTypes).Distinct())
            .AddClasses(classes => classes.AssignableTo<IGatewayPlugin>(), publicOnly: false)
            .AsSelfWithInterfaces()
            .WithSingletonLifetime());
    }

    /// <summary>Pairs each catalog entry with its resolved plugin instance and checks names.</summary>
    public static IReadOnlyDictionary<string, IGatewayPlugin> Resolve(IServiceProvider services, IReadOnlyList<LoadedPluginAssembly> loaded)
    {
        var byName = new Dictionary<string, IGatewayPlugin>(StringComparer.Ordinal);
        foreach (var plugin in services.GetServices<IGatewayPlugin>())
        {
            var source = loaded.First(l => l.Assembly == plugin.GetType().Assembly).Entry;
            if (!PluginCatalogReader.KebabCase().IsMatch(plugin.Name ?? string.Empty))
            {
                throw new GatewayStartupException($"plugin class {plugin.GetType().FullName} in {source.AssemblyPath} has name '{plugin.Name}', which is not kebab-case");
            }

            if (!SemanticVersionText.IsValid(plugin.Version))
            {
                // The version is what an operator compares when a drop-in does not behave; "latest" or "1.0" says nothing.
                throw new GatewayStartupException(
                    $"plugin '{plugin.Name}' ({plugin.GetType().FullName} in {source.AssemblyPath}) has version '{plugin.Version?.ReplaceLineEndings(" ")}', which is not SemVer 2.0 (major.minor.patch, e.g. 1.0.0 or 2.1.0-beta.1)");
            }

            if (!byName.TryAdd(plugin.Name!, plugin))
            {
                // Both assemblies are named: with plugins from several authors, the class names alone do not say
                // which files to look at.
                var first = byName[plugin.Name!];
                var firstPath = loaded.First(l => l.Assembly == first.GetType().Assembly).Entry.AssemblyPath;
                throw new GatewayStartupException(
                    $"two plugins are named '{plugin.Name}': {first.GetType().FullName} in {firstPath} and {plugin.GetType().FullName} in {source.AssemblyPath}");
            }
        }

        foreach (var (entry, assembly, _) in loaded)
        {
            if (entry.DropIn)
            {
                continue;
            }

            if (!byName.TryGetValue(entry.Name, out var plugin) || plugin.GetType().Assembly != assembly)
            {
                throw new GatewayStartupException($"plugin '{entry.Name}': {entry.AssemblyPath} has no plugin class named '{entry.Name}'");
            }
        }

        return byName;
    }

    /// <summary>
    /// The plugins the config may use: those the catalog names, and every plugin of a drop-in assembly. An
    /// assembly may hold more plugin classes than its catalog entries name (test probes do); those stay off. A
    /// drop-in's Name is only its folder's, so it never enables a catalog plugin of that name.
    /// </summary>
    public static IReadOnlyDictionary<string, IGatewayPlugin> Enabled(IServiceProvider services, IReadOnlyList<LoadedPluginAssembly> loaded)
    {
        return Resolve(services, loaded)
            .Where(p => loaded.Any(a => a.Entry.DropIn ? a.Assembly == p.Value.GetType().Assembly : a.Entry.Name == p.Key))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }
}
