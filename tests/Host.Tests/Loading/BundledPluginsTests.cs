using Gateway.Host.Loading;

namespace Gateway.Host.Tests.Loading;

public sealed class BundledPluginsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bundled-tests-").FullName;

    [Fact]
    public void Entries_PublishedLayout_PointIntoThePluginsFolder()
    {
        var plugins = Path.Combine(_folder, "plugins");
        foreach (var (folder, assembly) in new[] { ("AiProxy", "Gateway.Plugins.AiProxy"), ("FileLog", "Gateway.Plugins.FileLog"), ("AiRateLimitingAdvanced", "Gateway.Plugins.AiRateLimitingAdvanced"), ("KeyAuth", "Gateway.Plugins.KeyAuth"), ("Prometheus", "Gateway.Plugins.Prometheus") })
        {
            Directory.CreateDirectory(Path.Combine(plugins, folder));
            File.WriteAllBytes(Path.Combine(plugins, folder, assembly + ".dll"), []);
        }

        var entries = BundledPlugins.Entries(plugins, _folder);

        Assert.Equal(
            [
                new PluginCatalogEntry("ai-proxy", Path.Combine(plugins, "AiProxy", "Gateway.Plugins.AiProxy.dll")),
                new PluginCatalogEntry("file-log", Path.Combine(plugins, "FileLog", "Gateway.Plugins.FileLog.dll")),
                new PluginCatalogEntry("ai-rate-limiting-advanced", Path.Combine(plugins, "AiRateLimitingAdvanced", "Gateway.Plugins.AiRateLimitingAdvanced.dll")),
                new PluginCatalogEntry("key-auth", Path.Combine(plugins, "KeyAuth", "Gateway.Plugins.KeyAuth.dll")),
                new PluginCatalogEntry("prometheus", Path.Combine(plugins, "Prometheus", "Gateway.Plugins.Prometheus.dll")),
            ],
            entries);
    }

    [Fact]
    public void Entries_HostInsideTheRepository_PointIntoArtifacts()
    {
        File.WriteAllText(Path.Combine(_folder, "Gateway.slnx"), "<Solution />");
        var host = Directory.CreateDirectory(Path.Combine(_folder, "src", "Host", "bin")).FullName;

        var entries = BundledPlugins.Entries(Path.Combine(host, "plugins"), host);

        Assert.Equal(
            [
                new PluginCatalogEntry("ai-proxy", Path.Combine(_folder, "artifacts", "plugins", "AiProxy", "Gateway.Plugins.AiProxy.dll")),
                new PluginCatalogEntry("file-log", Path.Combine(_folder, "artifacts", "plugins", "FileLog", "Gateway.Plugins.FileLog.dll")),
                new PluginCatalogEntry("ai-rate-limiting-advanced", Path.Combine(_folder, "artifacts", "plugins", "AiRateLimitingAdvanced", "Gateway.Plugins.AiRateLimitingAdvanced.dll")),
                new PluginCatalogEntry("key-auth", Path.Combine(_folder, "artifacts", "plugins", "KeyAuth", "Gateway.Plugins.KeyAuth.dll")),
                new PluginCatalogEntry("prometheus", Path.Combine(_folder, "artifacts", "plugins", "Prometheus", "Gateway.Plugins.Prometheus.dll")),
            ],
            entries);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
