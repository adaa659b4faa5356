using Gateway.Plugins.Testing;

namespace Gateway.Plugins.Tests.Context;

/// <summary>The contract's context members as the host implements them, exercised through the real pipeline.</summary>
public sealed class PluginContextTests
{
    private sealed record SampleConfig
    {
        public string Name { get; init; } = "";
    }

    private static readonly ContextKey<string> Greeting = new("greeting");
    private static readonly ContextKey<int> Count = new("count");

    /// <summary>Echoes its instance's config into a response header.</summary>
    private sealed class ConfigEchoPlugin : IGatewayPlugin, IHeaderFilterPhase
    {
        public string Name => "config-echo";
        public int Priority => 10;
        public string Version => "1.0.0";
        public Type ConfigType => typeof(SampleConfig);

        public ValueTask HeaderFilterAsync(PluginContext context)
        {
            context.HttpContext.Response.Headers["x-config-name"] = context.GetConfig<SampleConfig>().Name;
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Runs first (higher priority) and shares a greeting.</summary>
    private sealed class GreeterPlugin : IGatewayPlugin, IAccessPhase
    {
        public string Name => "greeter";
        public int Priority => 20;
        public string Version => "1.0.0";
        public Type ConfigType => typeof(SampleConfig);

        public ValueTask AccessAsync(PluginContext context)
        {
            context.SetShared(Greeting, "hello");
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Runs after the greeter and records what it can read back, by key.</summary>
    private sealed class ListenerPlugin : IGatewayPlugin, IAccessPhase
    {
        public string Name => "listener";
        public int Priority => 10;
        public string Version => "1.0.0";
        public Type ConfigType => typeof(SampleConfig);

        public ValueTask AccessAsync(PluginContext context)
        {
            context.SetSerializeValue("listener.greeting_found", context.TryGetShared(Greeting, out var greeting));
            context.SetSerializeValue("listener.greeting", greeting);
            context.SetSerializeValue("listener.count_found", context.TryGetShared(Count, out _));
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task GetConfig_InstanceConfig_ReturnsItTyped()
    {
        const string yaml = """
            _format_version: "3.0"
            services:
              - name: s
                url: ${{ env "DECK_UPSTREAM_URL" }}
                routes:
                  - name: r
                    paths: [/]
                    plugins:
                      - name: config-echo
                        config: { name: x }
            """;
        await using var gateway = await PluginTestGateway.StartAsync(yaml, o => o.AddPlugin<ConfigEchoPlugin>());

        using var response = await gateway.Client.GetAsync("/");

        Assert.Equal("x", response.Headers.GetValues("x-config-name").Single());
    }

    [Fact]
    public async Task Shared_TypedKeys_KeepValuesApartByKey()
    {
        const string yaml = """
            _format_version: "3.0"
            services:
              - name: s
                url: ${{ env "DECK_UPSTREAM_URL" }}
                routes:
                  - name: r
                    paths: [/]
            plugins:
              - name: greeter
              - name: listener
            """;
        await using var gateway = await PluginTestGateway.StartAsync(yaml, o => o.AddPlugin<GreeterPlugin>().AddPlugin<ListenerPlugin>());

        using var response = await gateway.Client.GetAsync("/");

        var listener = (await gateway.NextLogEntryAsync()).GetProperty("listener");
        Assert.True(listener.GetProperty("greeting_found").GetBoolean());
        Assert.Equal("hello", listener.GetProperty("greeting").GetString());
        Assert.False(listener.GetProperty("count_found").GetBoolean());
        Assert.Equal("greeting", Greeting.ToString());
    }
}
