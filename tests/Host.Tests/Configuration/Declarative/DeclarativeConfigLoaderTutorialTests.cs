using Gateway.Host.Configuration.Declarative;

namespace Gateway.Host.Tests.Configuration.Declarative;

public sealed class DeclarativeConfigLoaderTutorialTests
{
    private static readonly ConfigSource[] TutorialFiles =
        [ConfigTestData.File("tutorial-1.yaml"), ConfigTestData.File("tutorial-2.yaml"), ConfigTestData.File("tutorial-3.yaml")];

    [Fact]
    public void Load_KongTutorialThreeFiles_GivesOneServiceOneRouteTwoGlobalPlugins()
    {
        var result = DeclarativeConfigLoader.Load(TutorialFiles, ConfigTestData.Env);

        Assert.Empty(result.Errors);
        var config = Assert.IsType<Gateway.Host.Configuration.Model.GatewayConfig>(result.Config);
        var service = Assert.Single(config.Services);
        Assert.Equal(("example-service", "http", "httpbin.konghq.com", 80, "/anything"),
            (service.Name, service.Protocol, service.Host, service.Port, service.Path));
        var route = Assert.Single(config.Routes);
        Assert.Equal("example-route", route.Name);
        Assert.Equal(service.Id, route.ServiceId);
        Assert.Equal(["/anything"], route.Paths);
        Assert.True(route.StripPath);
        Assert.Equal(["ai-proxy", "file-log"], config.Plugins.Select(p => p.Name));
        Assert.All(config.Plugins, p => Assert.Null(p.ServiceId));
        Assert.All(config.Plugins, p => Assert.Null(p.RouteId));
    }

    [Fact]
    public void Load_TutorialAiProxy_DuplicateLoggingKeyLastWinsAndKeyIsSubstituted()
    {
        var result = DeclarativeConfigLoader.Load(TutorialFiles, ConfigTestData.Env);

        var aiProxy = result.Config!.Plugins[0];
        Assert.Equal(ConfigTestData.ApiKey, (string?)aiProxy.Config["auth"]!["header_value"]);
        var logging = aiProxy.Config["logging"]!.AsObject();
        Assert.True((bool)logging["log_statistics"]!);
        Assert.False(logging.ContainsKey("log_payloads"));
        Assert.Equal(524288, (long)aiProxy.Config["max_request_body_size"]!);
        Assert.Equal("2023-06-01", (string?)aiProxy.Config["model"]!["options"]!["anthropic_version"]);
        Assert.Equal("tutorial-2.yaml: plugins[0] (ai-proxy)", aiProxy.Source);
    }

    [Fact]
    public void Load_SameFilesTwice_GivesSameIds()
    {
        var first = DeclarativeConfigLoader.Load(TutorialFiles, ConfigTestData.Env).Config!;
        var second = DeclarativeConfigLoader.Load(TutorialFiles, ConfigTestData.Env).Config!;

        Assert.Equal(first.Services[0].Id, second.Services[0].Id);
        Assert.Equal(first.Routes[0].Id, second.Routes[0].Id);
        Assert.Equal(first.Plugins.Select(p => p.Id), second.Plugins.Select(p => p.Id));
        Assert.Equal(5, Guid.Parse(first.Services[0].Id).Version);
    }

    [Fact]
    public void Load_EmbeddedDefaultConfig_Loads()
    {
        using var stream = typeof(DeclarativeConfigLoader).Assembly.GetManifestResourceStream("Gateway.Host.DefaultConfig.kong.yaml")!;
        using var reader = new StreamReader(stream);
        var result = DeclarativeConfigLoader.Load([new ConfigSource("kong.yaml", reader.ReadToEnd())], ConfigTestData.Env);

        Assert.Empty(result.Errors);
        Assert.Single(result.Config!.Services);
        Assert.Single(result.Config.Routes);
        Assert.Equal(["ai-proxy", "file-log"], result.Config.Plugins.Select(p => p.Name));
    }
}
