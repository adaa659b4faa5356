using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Loading;

/// <summary>The catalog's <c>"bundled"</c> entry and the plugin list that startup and <c>check</c> print.</summary>
public sealed class BundledCatalogTests : IDisposable
{
    private const string FileLogRoute = """
        _format_version: "3.0"
        services:
          - name: s
            url: http://127.0.0.1:9
            routes:
              - name: r
                paths: [/a]
                plugins:
                  - name: file-log
                    config:
                      path: /dev/null
        """;

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Check_BundledCatalog_ListsEveryBundledPluginWithEveryField()
    {
        var catalog = _folder.Write("plugins.json", """{"plugins": ["bundled"]}""");

        var (code, stdout, stderr) = await HostProcess.RunAsync(["check", "--plugins", catalog, "--config", _folder.Write("kong.yaml", FileLogRoute)]);

        Assert.True(code == 0, stderr);
        var contract = PluginCompiler.HostContractVersion;
        Assert.Contains(
            $"Plugin ai-proxy 1.0.0: priority 770, phases configure,access,header_filter,body_filter,log, assembly {RepoPaths.BundledPlugin("AiProxy", "Gateway.Plugins.AiProxy")}, contract {contract}",
            stdout.Split('\n').Select(l => l.TrimEnd()));
        Assert.Contains(
            $"Plugin file-log 1.0.0: priority 9, phases configure,log, assembly {RepoPaths.BundledPlugin("FileLog", "Gateway.Plugins.FileLog")}, contract {contract}",
            stdout.Split('\n').Select(l => l.TrimEnd()));
        Assert.Contains(
            $"Plugin ai-rate-limiting-advanced 1.0.0: priority 905, phases configure,access,header_filter,log, assembly {RepoPaths.BundledPlugin("AiRateLimitingAdvanced", "Gateway.Plugins.AiRateLimitingAdvanced")}, contract {contract}",
            stdout.Split('\n').Select(l => l.TrimEnd()));
        Assert.Contains(
            $"Plugin key-auth 1.0.0: priority 1250, phases access,header_filter, assembly {RepoPaths.BundledPlugin("KeyAuth", "Gateway.Plugins.KeyAuth")}, contract {contract}",
            stdout.Split('\n').Select(l => l.TrimEnd()));
        Assert.Contains(
            $"Plugin prometheus 1.0.0: priority 13, phases log, assembly {RepoPaths.BundledPlugin("Prometheus", "Gateway.Plugins.Prometheus")}, contract {contract}",
            stdout.Split('\n').Select(l => l.TrimEnd()));
        Assert.True(
            stdout.IndexOf("Plugin file-log", StringComparison.Ordinal) < stdout.IndexOf("configuration is valid", StringComparison.Ordinal),
            stdout);
    }

    [Fact]
    public async Task Start_BundledCatalog_LogsOneLinePerPlugin()
    {
        var catalog = _folder.Write("plugins.json", """{"plugins": ["bundled"]}""");

        await using var host = await HostProcess.StartAsync(["--plugins", catalog, "--config", _folder.Write("kong.yaml", FileLogRoute), "--urls", "http://127.0.0.1:0"]);

        var contract = PluginCompiler.HostContractVersion;
        Assert.Contains(
            $"Plugin ai-proxy 1.0.0: priority 770, phases configure,access,header_filter,body_filter,log, assembly {RepoPaths.BundledPlugin("AiProxy", "Gateway.Plugins.AiProxy")}, contract {contract}",
            host.StdoutLines.Select(l => l.Trim()));
        Assert.Contains(
            $"Plugin file-log 1.0.0: priority 9, phases configure,log, assembly {RepoPaths.BundledPlugin("FileLog", "Gateway.Plugins.FileLog")}, contract {contract}",
            host.StdoutLines.Select(l => l.Trim()));
        Assert.Contains(
            $"Plugin prometheus 1.0.0: priority 13, phases log, assembly {RepoPaths.BundledPlugin("Prometheus", "Gateway.Plugins.Prometheus")}, contract {contract}",
            host.StdoutLines.Select(l => l.Trim()));
    }

    [Fact]
    public async Task Check_DropInFolder_LoadsItsPluginWithoutACatalogEntry()
    {
        var dropIns = Path.Combine(_folder.Path, "drop-ins");
        var assembly = PluginCompiler.Compile(Path.Combine(dropIns, "Acme.Stamp"), "Acme.Stamp", PluginCompiler.PluginSource("Stamp", "stamp"));
        var catalog = _folder.Write("plugins.json", """{"plugins": []}""");
        var config = _folder.Write("kong.yaml", """
            _format_version: "3.0"
            plugins:
              - name: stamp
            """);

        var (code, stdout, stderr) = await HostProcess.RunAsync(["check", "--plugins", catalog, "--plugin-dir", dropIns, "--config", config]);

        Assert.True(code == 0, stderr);
        Assert.Contains(
            $"Plugin stamp 1.0.0: priority 10, phases none, assembly {assembly}, contract {PluginCompiler.HostContractVersion}",
            stdout.Split('\n').Select(l => l.TrimEnd()));
    }

    public void Dispose() => _folder.Dispose();
}
