namespace Gateway.Host.Loading;

/// <summary>
/// The plugins that ship with the gateway, which a catalog's <c>"bundled"</c> entry stands for (Kong's
/// <c>plugins = bundled</c>). A published gateway carries them in <c>plugins/&lt;Folder&gt;/</c> beside the host; a
/// host run from the repository finds them where the build puts them, <c>artifacts/plugins/&lt;Folder&gt;/</c>.
/// </summary>
internal static class BundledPlugins
{
    private static readonly (string Name, string Folder, string Assembly)[] All =
    [
        ("ai-proxy", "AiProxy", "Gateway.Plugins.AiProxy"),
        ("file-log", "FileLog", "Gateway.Plugins.FileLog"),
        ("ai-rate-limiting-advanced", "AiRateLimitingAdvanced", "Gateway.Plugins.AiRateLimitingAdvanced"),
        ("key-auth", "KeyAuth", "Gateway.Plugins.KeyAuth"),
        ("prometheus", "Prometheus", "Gateway.Plugins.Prometheus"),
    ];

    /// <param name="pluginFolder">The host's plugins folder (published layout).</param>
    /// <param name="hostFolder">Where the host runs from: the repository is searched above it.</param>
    public static IReadOnlyList<PluginCatalogEntry> Entries(string pluginFolder, string hostFolder)
    {
        var repoArtifacts = FindRepoRoot(hostFolder) is { } root ? Path.Combine(root, "artifacts", "plugins") : null;
        var entries = new List<PluginCatalogEntry>(All.Length);
        foreach (var (name, folder, assembly) in All)
        {
            var published = Path.Combine(pluginFolder, folder, assembly + ".dll");
            // A missing assembly is reported by the loader with the path it expected; in the repository that is
            // the artifacts path, for which it advises a build.
            var path = File.Exists(published) || repoArtifacts is null ? published : Path.Combine(repoArtifacts, folder, assembly + ".dll");
            entries.Add(new PluginCatalogEntry(name, Path.GetFullPath(path)));
        }

        return entries;
    }

    private static string? FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gateway.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
