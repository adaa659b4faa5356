using System.Text.Json;

namespace Gateway.TestHosting;

/// <summary>Writes a plugins.json into a temp folder with absolute assembly paths.</summary>
public static class PluginCatalogFile
{
    public static readonly IReadOnlyDictionary<string, string> Standard = new Dictionary<string, string>
    {
        ["ai-proxy"] = RepoPaths.BundledPlugin("AiProxy", "Gateway.Plugins.AiProxy"),
        ["file-log"] = RepoPaths.BundledPlugin("FileLog", "Gateway.Plugins.FileLog"),
        ["key-auth"] = RepoPaths.BundledPlugin("KeyAuth", "Gateway.Plugins.KeyAuth"),
        ["probe-first"] = RepoPaths.TestPlugin("Probe"),
        ["prometheus"] = RepoPaths.BundledPlugin("Prometheus", "Gateway.Plugins.Prometheus"),
        ["probe-high"] = RepoPaths.TestPlugin("Probe"),
        ["probe-low"] = RepoPaths.TestPlugin("Probe"),
        ["probe-tie-a"] = RepoPaths.TestPlugin("Probe"),
        ["probe-tie-b"] = RepoPaths.TestPlugin("Probe"),
        ["yaml-echo"] = RepoPaths.TestPlugin("YamlEcho"),
    };

    public static string Write(string folder, IReadOnlyDictionary<string, string>? plugins = null)
    {
        var entries = (plugins ?? Standard).Select(p => new { name = p.Key, path = p.Value });
        var path = Path.Combine(folder, "plugins.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { plugins = entries }));
        return path;
    }
}
