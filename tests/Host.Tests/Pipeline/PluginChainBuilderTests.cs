using System.Text.Json.Nodes;
using Gateway.Host.Configuration.Model;
using Gateway.Host.Pipeline;
using Gateway.Plugins;

namespace Gateway.Host.Tests.Pipeline;

public sealed class PluginChainBuilderTests
{
    private static readonly ServiceEntity Service = new() { Id = "s1", Name = "svc", Host = "upstream" };
    private static readonly RouteEntity Route = new() { Id = "r1", Name = "route", ServiceId = "s1", Paths = ["/"] };
    private static readonly RouteEntity OtherRoute = new() { Id = "r2", Name = "other", ServiceId = "s1", Paths = ["/o"] };

    private static PluginEntity Plugin(string name, string tag, string? route = null, string? service = null, bool enabled = true) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Name = name,
        RouteId = route,
        ServiceId = service,
        Enabled = enabled,
        Config = new JsonObject { ["tag"] = tag },
        Source = $"test: {name} {tag}",
    };

    private static PluginChains Build(List<string> errors, params PluginEntity[] plugins)
    {
        var registry = new Dictionary<string, IGatewayPlugin>
        {
            ["high"] = new FakePlugin("high", 1000),
            ["low"] = new FakePlugin("low", 1),
        };
        return PluginChainBuilder.Build(new GatewayConfig([Service], [Route, OtherRoute], plugins), registry, errors);
    }

    private static string[] Tags(PluginChain chain) => [.. chain.All.Select(p => $"{p.Plugin.Name}:{((FakeConfig)p.Instance.Config).Tag}")];

    [Fact]
    public void Build_EveryScope_EachRouteGetsItsMostSpecificInstancePerPlugin()
    {
        var errors = new List<string>();
        var chains = Build(
            errors,
            Plugin("low", "global"),
            Plugin("high", "global"),
            Plugin("high", "service", service: "s1"),
            Plugin("high", "route", route: "r1"),
            Plugin("low", "route+service", route: "r1", service: "s1"),
            Plugin("low", "route-only", route: "r1"));

        Assert.Empty(errors);
        Assert.Equal(["high:route", "low:route+service"], Tags(chains.ByRoute["r1"]));
        Assert.Equal(["high:service", "low:global"], Tags(chains.ByRoute["r2"]));
        Assert.Equal(["high:global", "low:global"], Tags(chains.Global));
    }

    [Fact]
    public void Build_DisabledInstance_IsIgnoredAndTheNextScopeApplies()
    {
        var errors = new List<string>();
        var chains = Build(errors, Plugin("high", "global"), Plugin("high", "route", route: "r1", enabled: false));

        Assert.Equal(["high:global"], Tags(chains.ByRoute["r1"]));
    }

    [Fact]
    public void Build_PluginNotInCatalogAndBadConfig_ReportsBoth()
    {
        var errors = new List<string>();
        var bad = Plugin("high", "x") with { Config = new JsonObject { ["tag"] = 1 } };

        Build(errors, Plugin("rate-limiting", "x"), bad);

        Assert.Equal(2, errors.Count);
        Assert.Contains("plugin 'rate-limiting' is not loaded (plugins.json loads: high, low)", errors[0], StringComparison.Ordinal);
        Assert.Contains("config.tag: expected a string, got number 1", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_PhaseArrays_HoldOnlyPluginsImplementingThePhase()
    {
        var chains = Build([], Plugin("high", "g"), Plugin("low", "g"));

        var chain = chains.ByRoute["r1"];
        Assert.Equal(2, chain.Access.Length);
        Assert.Equal(2, chain.Log.Length);
        Assert.Empty(chain.BodyFilter);
        Assert.Empty(chain.HeaderFilter);
    }
}
