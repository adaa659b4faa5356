using System.Text.Json;
using Gateway.Plugins;
using YamlDotNet.Serialization;

namespace Gateway.TestPlugins.YamlEcho;

/// <summary>Answers every request itself with the YAML request body parsed by its own YamlDotNet, and that
/// library's version, so a test can see which copy of the library the plugin runs with.</summary>
internal sealed class YamlEchoPlugin : IGatewayPlugin, IAccessPhase
{
    public string Name => "yaml-echo";
    public int Priority => 2000;
    public string Version => "1.0.0";
    public Type ConfigType => typeof(YamlEchoConfig);

    public async ValueTask AccessAsync(PluginContext context)
    {
        var body = await context.ReadRequestBodyAsync(64 * 1024);
        var yaml = System.Text.Encoding.UTF8.GetString(body.Data.Span);
        var parsed = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(yaml);
        var version = typeof(IDeserializer).Assembly.GetName().Version!.ToString();
        context.Exit(200, JsonSerializer.Serialize(new Dictionary<string, object?> { ["yamldotnet"] = version, ["parsed"] = parsed }));
    }
}

internal sealed record YamlEchoConfig;
