namespace Gateway.Host.Loading;

/// <summary>
/// Finds plugins dropped into the host's plugins folder, so installing one needs no file edited: a folder
/// <c>&lt;Name&gt;/</c> holding <c>&lt;Name&gt;.dll</c> (McMaster.NETCore.Plugins' convention, and what
/// <c>dotnet publish</c> of a project named <c>&lt;Name&gt;</c> produces) is a plugin assembly.
/// </summary>
internal static class DropInPlugins
{
    public static IReadOnlyList<PluginCatalogEntry> Find(string pluginFolder, IReadOnlyList<PluginCatalogEntry> catalog)
    {
        if (!Directory.Exists(pluginFolder))
        {
            return [];
        }

        // The bundled plugins live in this folder too once published; a catalog entry already loads them.
        var listed = catalog.Select(e => e.AssemblyPath).ToHashSet(StringComparer.Ordinal);
        var found = new List<PluginCatalogEntry>();
        foreach (var folder in Directory.GetDirectories(pluginFolder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            var assembly = Path.GetFullPath(Path.Combine(folder, name + ".dll"));
            if (File.Exists(assembly) && !listed.Contains(assembly))
            {
                found.Add(new PluginCatalogEntry(name, assembly, DropIn: true));
            }
        }

        return found;
    }
}
