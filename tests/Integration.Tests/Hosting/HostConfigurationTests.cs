using Gateway.Integration.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace Gateway.Integration.Tests.Hosting;

/// <summary>The host reads its appsettings files once: a reloading source would watch the whole working directory
/// (recursively, one inotify watch per folder) and wake the gateway for every file written below it.</summary>
public sealed class HostConfigurationTests
{
    [Fact]
    public async Task AppSettingsSources_AreNotWatchedForChanges()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(EchoRouteConfig.Yaml(upstream.Port, "  []"));

        var sources = ((IConfigurationRoot)gateway.App.Configuration).Providers
            .OfType<JsonConfigurationProvider>().Select(p => p.Source).ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.False(source.ReloadOnChange, $"{source.Path} reloads on change"));
    }

    [Fact]
    public async Task AppSettingsReload_CanStillBeTurnedOnByTheOperator()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(
            [EchoRouteConfig.Yaml(upstream.Port, "  []")], arguments: ["--hostBuilder:reloadConfigOnChange=true"]);

        var sources = ((IConfigurationRoot)gateway.App.Configuration).Providers.OfType<JsonConfigurationProvider>();

        Assert.All(sources, source => Assert.True(source.Source.ReloadOnChange));
    }
}
