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

    private static readonly ConsumerEntity Alex = new() { Id = "c1", Username = "alex" };
    private static readonly ConsumerEntity Bo = new() { Id = "c2", Username = "bo" };

    private static PluginEntity Plugin(string name, string tag, string? route = null, string? service = null, bool enabled = true, string? consumer = null) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Name = name,
        RouteId = route,
        ServiceId = service,
        ConsumerId = consumer,
        Enabled = enabled,
        Config = new JsonObject { ["tag"] = tag },
        Source = $"test: {name} {tag}",
    };

    private static PluginChains Build(List<string> errors, params PluginEntity[] plugins)
    {
        var registry = new Dictionary<string, IGatewayPlugin>
        {
            ["high"] = new FakePlugin("high", 1000),
            ["auth"] = Auth,
            ["low"] = new FakePlugin("low", 1),
        };
        return PluginChainBuilder.Build(new GatewayConfig([Service], [Route, OtherRoute], plugins) { Consumers = [Alex, Bo] }, registry, errors);
    }

    private static readonly FakePlugin Auth = new("auth", 500);

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
        Assert.Contains("plugin 'rate-limiting' is not loaded (plugins.json loads: auth, high, low)", errors[0], StringComparison.Ordinal);
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

    // Kong's lookup_cfg with a consumer: route+service+consumer > route+consumer > service+consumer > route+service
    // > consumer > route > service > global. Each row removes the most specific instance left and expects the next.
    [Fact]
    public void Resolve_ConsumerKnown_EachRungOfKongsOrderWinsOverTheOnesBelowIt()
    {
        var rungs = new (string Tag, string? Route, string? Service, string? Consumer)[]
        {
            ("route+service+consumer", "r1", "s1", "c1"),
            ("route+consumer", "r1", null, "c1"),
            ("service+consumer", null, "s1", "c1"),
            ("route+service", "r1", "s1", null),
            ("consumer", null, null, "c1"),
            ("route", "r1", null, null),
            ("service", null, "s1", null),
            ("global", null, null, null),
        };

        for (var i = 0; i < rungs.Length; i++)
        {
            var errors = new List<string>();
            var chains = Build(errors, [.. rungs[i..].Select(r => Plugin("low", r.Tag, r.Route, r.Service, consumer: r.Consumer)), Plugin("auth", "a")]);

            // Without consumer-scoped instances left there is nothing to resolve: the route's chain stands.
            var resolved = chains.Consumers?.Resolve(chains.ByRoute["r1"], Auth, "c1", "r1", "s1") ?? chains.ByRoute["r1"];

            Assert.Empty(errors);
            Assert.Equal($"low:{rungs[i].Tag}", Tags(resolved)[^1]);
        }
    }

    [Fact]
    public void Build_ConsumerScopedInstance_IsNotInAnyChainBeforeAConsumerIsKnown()
    {
        var chains = Build([], Plugin("low", "alex", consumer: "c1"), Plugin("auth", "a"));

        Assert.Equal(["auth:a"], Tags(chains.ByRoute["r1"]));
        Assert.Equal(["auth:a"], Tags(chains.Global));
    }

    [Fact]
    public void Resolve_PluginBeforeTheAuthPlugin_KeepsItsInstanceAndSlot_ALaterOneGetsTheConsumers()
    {
        // Kong resolves configs lazily in priority order: "high" (1000) ran before "auth" (500) identified the
        // consumer, so its consumer-scoped instance cannot apply; "low" (1) runs after and gets alex's.
        var chains = Build(
            [],
            Plugin("high", "global"),
            Plugin("high", "alex", consumer: "c1"),
            Plugin("auth", "a"),
            Plugin("low", "global"),
            Plugin("low", "alex", consumer: "c1"));
        var before = chains.ByRoute["r1"];

        var resolved = chains.Consumers!.Resolve(before, Auth, "c1", "r1", "s1");

        Assert.Equal(["high:global", "auth:a", "low:alex"], Tags(resolved));
        Assert.Equal(before.All[..2], resolved.All[..2]);
        Assert.Same(resolved, chains.Consumers.Resolve(before, Auth, "c1", "r1", "s1"));
    }

    [Fact]
    public void Resolve_AnotherConsumerOrNone_GetsTheNonConsumerInstances()
    {
        var chains = Build([], Plugin("auth", "a"), Plugin("low", "route", route: "r1"), Plugin("low", "alex", consumer: "c1"));

        Assert.Equal(["auth:a", "low:route"], Tags(chains.Consumers!.Resolve(chains.ByRoute["r1"], Auth, "c2", "r1", "s1")));
        Assert.Equal(["auth:a", "low:route"], Tags(chains.Consumers.Resolve(chains.ByRoute["r1"], Auth, null, "r1", "s1")));
        Assert.Equal(["auth:a", "low:alex"], Tags(chains.Consumers.Resolve(chains.ByRoute["r1"], Auth, "c1", "r1", "s1")));
    }

    [Fact]
    public void Build_NoConsumerScopedInstance_HasNoConsumerResolution()
    {
        Assert.Null(Build([], Plugin("auth", "a"), Plugin("low", "g")).Consumers);
    }

    [Fact]
    public void Build_ConsumerScopedInstance_ScopeNamesTheConsumer()
    {
        var chains = Build([], Plugin("auth", "a"), Plugin("low", "x", route: "r1", consumer: "c1"));

        var resolved = chains.Consumers!.Resolve(chains.ByRoute["r1"], Auth, "c1", "r1", "s1");

        Assert.Equal("route:route+consumer:alex", resolved.All[^1].Instance.Scope);
    }
}
