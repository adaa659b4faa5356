using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Gateway.Host.Loading;

/// <summary>
/// Reads <c>plugins.json</c>, the plugin catalog (Kong's <c>plugins = bundled,...</c>): which plugin assemblies
/// to load. Paths are relative to the file's folder.
/// </summary>
internal static partial class PluginCatalogReader
{
    public static IReadOnlyList<PluginCatalogEntry> Read(string path)
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
            var name = item["name"];
            var assembly = item["path"];
            var where = $"{fullPath}: plugins[{item.Key}]";
            if (string.IsNullOrWhiteSpace(name) || !KebabCase().IsMatch(name))
            {
                throw new GatewayStartupException($"{where}: 'name' must be a kebab-case plugin name, got '{name}'");
            }

            if (string.IsNullOrWhiteSpace(assembly))
            {
                throw new GatewayStartupException($"{where} ({name}): 'path' to the plugin assembly is required");
            }

            if (!seen.Add(name))
            {
                throw new GatewayStartupException($"{where}: two plugins are named '{name}'");
            }

            entries.Add(new PluginCatalogEntry(name, Path.GetFullPath(Path.Combine(folder, assembly))));
        }

        return entries;
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    internal static partial Regex KebabCase();
}
