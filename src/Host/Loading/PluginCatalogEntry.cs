namespace Gateway.Host.Loading;

/// <summary>One line of <c>plugins.json</c>: a plugin name and the assembly that provides it.</summary>
/// <param name="Name">The plugin's kebab-case name, as the declarative config refers to it.</param>
/// <param name="AssemblyPath">The absolute path of the plugin's main assembly.</param>
internal sealed record PluginCatalogEntry(string Name, string AssemblyPath);
