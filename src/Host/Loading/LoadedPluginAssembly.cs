using System.Reflection;

namespace Gateway.Host.Loading;

/// <summary>A plugin assembly loaded in its own context, with the plugin classes found in it.</summary>
internal sealed record LoadedPluginAssembly(PluginCatalogEntry Entry, Assembly Assembly, IReadOnlyList<Type> PluginTypes);
