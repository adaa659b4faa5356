namespace Gateway.Host.Loading;

/// <summary>One plugin assembly to load: a <c>plugins.json</c> line, a bundled plugin, or a drop-in folder.</summary>
/// <param name="Name">The plugin's kebab-case name, as the declarative config refers to it; for a drop-in, the
/// folder's name, which only labels error messages.</param>
/// <param name="AssemblyPath">The absolute path of the plugin's main assembly.</param>
/// <param name="DropIn">Found in the plugins folder (or given in-process, <see cref="InProcessPlugins"/>) rather than
/// named in the catalog: nobody wrote the plugin's name down, so every plugin class it brings is enabled under the
/// name it reports.</param>
internal sealed record PluginCatalogEntry(string Name, string AssemblyPath, bool DropIn = false);
