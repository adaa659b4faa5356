using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.EndToEnd.Tests.Infrastructure;
using Gateway.Host.Configuration.Declarative;
using Gateway.Host.Configuration.Model;

namespace Gateway.EndToEnd.Tests;

/// <summary>examples/claude-code: the tutorial's three files and the single kong.yaml are the same gateway.</summary>
public sealed class ExampleConfigTests
{
    private const string Key = "sk-ant-example-key";

    [Fact]
    public void ExampleConfig_ThreeFilesAndSingleFile_LoadToSameEntities()
    {
        var three = Load(ExampleConfig.ThreeFiles);
        var single = Load([ExampleConfig.SingleFile]);

        Assert.Equal(Canonical(three), Canonical(single));
    }

    [Fact]
    public void ExampleConfig_ThreeFiles_AreTheTutorialsEntities()
    {
        var config = Load(ExampleConfig.ThreeFiles);

        var service = Assert.Single(config.Services);
        Assert.Equal(("example-service", "http", "httpbin.konghq.com", 80, "/anything"), (service.Name, service.Protocol, service.Host, service.Port, service.Path));
        var route = Assert.Single(config.Routes);
        Assert.Equal(("example-route", service.Id), (route.Name, route.ServiceId));
        Assert.Equal(["/anything"], route.Paths);
        Assert.Equal(["ai-proxy", "file-log"], config.Plugins.Select(p => p.Name));
        Assert.All(config.Plugins, p => Assert.Equal((null, null), (p.ServiceId, p.RouteId)));
        var aiProxy = config.Plugins[0].Config;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$$"""
            {
              "route_type": "llm/v1/chat",
              "llm_format": "anthropic",
              "auth": {"header_name": "x-api-key", "header_value": "{{{Key}}}"},
              "model": {"provider": "anthropic", "name": "claude-sonnet-4-5-20250929", "options": {"anthropic_version": "2023-06-01"}},
              "max_request_body_size": 524288,
              "logging": {"log_statistics": true}
            }
            """), aiProxy), aiProxy.ToJsonString());
        Assert.Equal("""{"path":"/tmp/claude.json"}""", config.Plugins[1].Config.ToJsonString());
    }

    [Fact]
    public void ExampleConfig_OfflineMockOverlay_OnlyAddsUpstreamUrlToAiProxy()
    {
        var online = Load([ExampleConfig.SingleFile]);
        var offline = Load([ExampleConfig.SingleFile, "offline-mock.yaml"]);

        var expected = online.Plugins[0].Config.DeepClone().AsObject();
        expected["model"]!["options"]!["upstream_url"] = "http://127.0.0.1:9000";
        Assert.True(JsonNode.DeepEquals(expected, offline.Plugins[0].Config), offline.Plugins[0].Config.ToJsonString());
        Assert.Equal(Canonical(online with { Plugins = [online.Plugins[1]] }), Canonical(offline with { Plugins = [offline.Plugins[1]] }));
        Assert.Equal(online.Plugins[0].Id, offline.Plugins[0].Id);
    }

    [Fact]
    public void ExampleSettings_ApiKeyHelper_PointsAtTheExecutableScript()
    {
        var settings = JsonNode.Parse(File.ReadAllText(ExampleConfig.Path("settings.json")))!;
        Assert.Equal("~/.claude/anthropic_key.sh", (string?)settings["apiKeyHelper"]);
        var script = ExampleConfig.Path("anthropic_key.sh");
        Assert.Contains("echo \"x\"", File.ReadAllText(script), StringComparison.Ordinal);
        Assert.True(File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute), "anthropic_key.sh must be executable (git: mode 100755)");
    }

    [Fact]
    public void TeamExample_LoadsWithThreeConsumersEachWithItsKey_AndKeyAuthBeforeAiProxy()
    {
        var keys = new Dictionary<string, string>
        {
            ["DECK_ANTHROPIC_API_KEY"] = Key,
            ["DECK_ALEX_GATEWAY_KEY"] = "k-alex",
            ["DECK_BO_GATEWAY_KEY"] = "k-bo",
            ["DECK_CHEN_GATEWAY_KEY"] = "k-chen",
        };
        var result = DeclarativeConfigLoader.Load(
            [new ConfigSource("kong.yaml", File.ReadAllText(System.IO.Path.Combine(ExampleConfig.TeamFolder, "kong.yaml")))],
            keys.GetValueOrDefault);

        Assert.Empty(result.Errors);
        var config = result.Config!;
        Assert.Equal(["alex", "bo", "chen"], config.Consumers.Select(c => c.Username));
        Assert.Equal(["k-alex", "k-bo", "k-chen"], config.Consumers.Select(c => config.KeyAuthCredentials.Single(k => k.ConsumerId == c.Id).Key));
        Assert.Equal(["key-auth", "ai-proxy", "file-log"], config.Plugins.Select(p => p.Name));
        Assert.Equal("""{"key_names":["x-api-key","authorization"],"hide_credentials":true}""", config.Plugins[0].Config.ToJsonString());
    }

    [Fact]
    public void TeamExample_WithoutThePersonalKeys_FailsNamingTheMissingVariable()
    {
        var result = DeclarativeConfigLoader.Load(
            [new ConfigSource("kong.yaml", File.ReadAllText(System.IO.Path.Combine(ExampleConfig.TeamFolder, "kong.yaml")))],
            name => name == "DECK_ANTHROPIC_API_KEY" ? Key : null);

        Assert.Contains(result.Errors, e => e.Contains("DECK_ALEX_GATEWAY_KEY", StringComparison.Ordinal));
    }

    [Fact]
    public void TeamExample_ApiKeyHelper_IsAnExecutableScriptPrintingThePersonalKey()
    {
        var settings = JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(ExampleConfig.TeamFolder, "settings.json")))!;
        Assert.Equal("~/.claude/gateway_key.sh", (string?)settings["apiKeyHelper"]);
        var script = System.IO.Path.Combine(ExampleConfig.TeamFolder, "gateway_key.sh");
        Assert.True(File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute), "gateway_key.sh must be executable (git: mode 100755)");
    }

    [Fact]
    public void ExampleOpenAiClients_LoadsAsAnOpenAiRouteToAnthropic()
    {
        var result = DeclarativeConfigLoader.Load(
            [new ConfigSource("kong.yaml", File.ReadAllText(ExampleConfig.OpenAiClientsFile))], name => name == "DECK_ANTHROPIC_API_KEY" ? Key : null);

        Assert.Empty(result.Errors);
        var config = result.Config!;
        var route = Assert.Single(config.Routes);
        Assert.Equal(["/openai"], route.Paths);
        var aiProxy = Assert.Single(config.Plugins, p => p.Name == "ai-proxy");
        Assert.Equal(route.Id, aiProxy.RouteId);
        Assert.Equal(("openai", "anthropic", Key), ((string?)aiProxy.Config["llm_format"], (string?)aiProxy.Config["model"]!["provider"],
            (string?)aiProxy.Config["auth"]!["header_value"]));
        // The gateway really serves it: OpenAiNodeThroughGatewayTests run the npm SDK against this file.
    }

    [Fact]
    public void ExampleClaudeCodeLocalModel_LoadsAsAnAnthropicRouteToAnOpenAiCompatibleServer()
    {
        var path = System.IO.Path.Combine(RepoPaths.Root, "examples", "claude-code-local-model", "kong.yaml");
        var result = DeclarativeConfigLoader.Load([new ConfigSource("kong.yaml", File.ReadAllText(path))], name => name == "DECK_OPENAI_API_KEY" ? "ollama" : null);

        Assert.Empty(result.Errors);
        var config = result.Config!;
        var route = Assert.Single(config.Routes);
        Assert.Equal(["/local"], route.Paths);
        var aiProxy = Assert.Single(config.Plugins, p => p.Name == "ai-proxy").Config;
        Assert.Equal(("anthropic", "openai", "Bearer ollama", "http://localhost:11434/v1/chat/completions"),
            ((string?)aiProxy["llm_format"], (string?)aiProxy["model"]!["provider"], (string?)aiProxy["auth"]!["header_value"],
             (string?)aiProxy["model"]!["options"]!["upstream_url"]));
        Assert.Equal("qwen3:4b", (string?)aiProxy["model"]!["options"]!["model_aliases"]!["claude-haiku-4-5-20251001"]);
        // The gateway really serves it: ClaudeCodeLocalModelTests run the real CLI against this file.
    }

    private static GatewayConfig Load(IReadOnlyList<string> names)
    {
        var sources = names.Select(n => new ConfigSource(n, ExampleConfig.Read(n))).ToList();
        var result = DeclarativeConfigLoader.Load(sources, name => name == "DECK_ANTHROPIC_API_KEY" ? Key : null);
        Assert.Empty(result.Errors);
        return result.Config!;
    }

    /// <summary>Everything but where a plugin was declared (the file name differs by design).</summary>
    private static string Canonical(GatewayConfig config) =>
        JsonSerializer.Serialize(config with { Plugins = [.. config.Plugins.Select(p => p with { Source = "" })] });
}
