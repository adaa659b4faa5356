using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Loading;

public sealed class PluginIsolationTests
{
    [Fact]
    public async Task Load_PluginWithOtherVersionOfHostLibrary_RunsBesideBundledPlugins()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync($$"""
            _format_version: "3.0"
            services:
              - name: s
                url: http://127.0.0.1:{{upstream.Port}}
                routes:
                  - name: yaml
                    paths: ["/yaml"]
                    plugins:
                      - name: yaml-echo
            plugins:
              - name: file-log
                config: {path: /tmp/gateway-isolation-test.json}
            """);

        using var response = await gateway.Client.PostAsync("/yaml", new StringContent("greeting: hello\n"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(200, (int)response.StatusCode);
        // YamlDotNet 13.7.1 carries assembly version 13.0.0.0; the host's 18.1.0 carries 18.0.0.0.
        Assert.Equal("13.0.0.0", body.GetProperty("yamldotnet").GetString());
        Assert.Equal("hello", body.GetProperty("parsed").GetProperty("greeting").GetString());
        Assert.Equal(18, typeof(YamlDotNet.Serialization.IDeserializer).Assembly.GetName().Version!.Major);
    }

    [Theory]
    [InlineData("AiProxy")]
    [InlineData("FileLog")]
    [InlineData("AiRateLimitingAdvanced")]
    [InlineData("Prometheus")]
    public void Build_BundledPluginFolder_CarriesNoCopyOfTheContract(string folder)
    {
        var directory = Path.Combine(RepoPaths.Root, "artifacts", "plugins", folder);

        Assert.True(File.Exists(Path.Combine(directory, $"Gateway.Plugins.{folder}.dll")));
        Assert.False(File.Exists(Path.Combine(directory, "Gateway.Plugin.Abstractions.dll")));
    }
}
