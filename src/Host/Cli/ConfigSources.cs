using Gateway.Host.Configuration.Declarative;
using Gateway.Host.Loading;

namespace Gateway.Host.Cli;

/// <summary>Finds the declarative config files and the plugin catalog the command line points at.</summary>
internal static class ConfigSources
{
    public const string EmbeddedName = "embedded default config (src/Host/DefaultConfig/kong.yaml)";

    public static IReadOnlyList<ConfigSource> Read(GatewayOptions options)
    {
        if (options.ConfigFiles.Count == 0)
        {
            using var stream = typeof(ConfigSources).Assembly.GetManifestResourceStream("Gateway.Host.DefaultConfig.kong.yaml")
                ?? throw new GatewayStartupException("the embedded default config is missing from this build");
            using var reader = new StreamReader(stream);
            return [new ConfigSource(EmbeddedName, reader.ReadToEnd())];
        }

        var sources = new List<ConfigSource>();
        foreach (var file in options.ConfigFiles)
        {
            if (!File.Exists(file))
            {
                throw new GatewayStartupException($"config file not found: {Path.GetFullPath(file)}");
            }

            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new GatewayStartupException($"cannot read config file {Path.GetFullPath(file)}: {ex.Message}");
            }

            sources.Add(new ConfigSource(file, text));
        }

        return sources;
    }

    public static string FindPluginCatalog(GatewayOptions options)
    {
        if (options.PluginCatalog is not null)
        {
            return options.PluginCatalog;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "plugins.json");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new GatewayStartupException("plugins.json not found in the current folder or above the host; pass --plugins FILE");
    }
}
