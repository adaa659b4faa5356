using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Gateway.Host.Loading;

/// <summary>
/// Reads <c>plugins.json</c>, the plugin catalog (Kong's <c>plugins = bundled,...</c>): which plugin assemblies
/// to load. Each entry is either <c>{"name": ..., "path": ...}</c>, with the path relative to the file's folder, or
/// the string <c>"bundled"</c>: the plugins that ship with the gateway, wherever it runs (<see cref="BundledPlugins"/>),
/// so a custom catalog needs no path into a repository or a publish folder.
/// </summary>
internal static partial class PluginCatalogReader
{
    public const string Bundled = "bundled";

    public static IReadOnlyList<PluginCatalogEntry> Read(string path, Func<IReadOnlyList<PluginCatalogEntry>> bundled)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new GatewayStartupException($"plugin catalog not found: {fullPath}");
        }

        IConfigurationRoot root;
        try
        {
            root = new ConfigurationBuilder().AddJsonFile(fullPath, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException)
        {
            throw new GatewayStartupException($"{fullPath}: not valid JSON: {ex.GetBaseException().Message}");
        }

        var folder = Path.GetDirectoryName(fullPath)!;
        var entries = new List<PluginCatalogEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in root.GetSection("plugins").GetChildren())
        {
            var where = $"{fullPath}: plugins[{item.Key}]";
            if (item.Value is not null)
            {
                if (item.Value != Bundled)
                {
                    throw new GatewayStartupException($"{where}: a string entry must be \"{Bundled}\", got '{item.Value}'; name other plugins with {{\"name\": ..., \"path\": ...}}");
                }

                foreach (var entry in bundled())
                {
                    Add(entry, where);
                }

                continue;
            }

            var name = item["name"];
            var assembly = item["path"];
            if (string.IsNullOrWhiteSpace(name) || !KebabCase().IsMatch(name))
            {
                throw new GatewayStartupException($"{where}: 'name' must be a kebab-case plugin name, got '{name}'");
            }

            if (string.IsNullOrWhiteSpace(assembly))
            {
                throw new GatewayStartupException($"{where} ({name}): 'path' to the plugin assembly is required");
            }

            Add(new PluginCatalogEntry(name, Path.GetFullPath(Path.Combine(folder, assembly))), where);
        }

        return entries;

        void Add(PluginCatalogEntry entry, string where)
        {
            if (!seen.Add(entry.Name))
            {
                throw new GatewayStartupException($"{where}: two plugins are named '{entry.Name}'");
            }

            entries.Add(entry);
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    internal static partial Regex KebabCase();
}
