using Gateway.Host.Cli;
using Gateway.Host.Loading;
using Gateway.Host.Pipeline;
using Gateway.Plugins;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Status;

/// <summary>Startup wiring for the status API: counters on the proxy listener, and the listener itself when
/// <c>--status-urls</c> asks for it.</summary>
internal static class StatusSetup
{
    public static void AddGatewayStatus(this IServiceCollection services, GatewayOptions options, ConfigurationHash hash, ConnectionCounters counters, IReadOnlyList<LoadedPluginAssembly> assemblies)
    {
        services.AddSingleton(hash);
        services.AddSingleton(counters);
        services.AddSingleton<Readiness>();
        if (options.StatusUrls is null)
        {
            return;
        }

        services.AddSingleton(sp => CreateListener(sp, assemblies));
        services.AddHostedService(sp => sp.GetRequiredService<StatusListener>());
    }

    /// <summary>Counts the proxy listener's connections for <c>/status</c>.</summary>
    public static IConnectionBuilder CountConnections(this IConnectionBuilder connections, ConnectionCounters counters) =>
        connections.Use(next => async connection =>
        {
            counters.ConnectionOpened();
            try
            {
                await next(connection);
            }
            finally
            {
                counters.ConnectionClosed();
            }
        });

    private static StatusListener CreateListener(IServiceProvider services, IReadOnlyList<LoadedPluginAssembly> assemblies)
    {
        var enabled = PluginRegistration.Enabled(services, assemblies);
        var runtime = services.GetRequiredService<GatewayRuntime>();
        var pluginEndpoints = new SortedDictionary<string, IStatusEndpoint>(StringComparer.Ordinal);
        foreach (var plugin in enabled.Values.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (plugin is not IStatusEndpoint endpoint)
            {
                continue;
            }

            var path = endpoint.StatusPath;
            if (string.IsNullOrEmpty(path) || path[0] != '/' || path is StatusEndpoints.StatusPath or StatusEndpoints.ReadyPath)
            {
                throw new GatewayStartupException($"plugin '{plugin.Name}': status path '{path}' must start with '/' and not be {StatusEndpoints.StatusPath} or {StatusEndpoints.ReadyPath}");
            }

            if (!pluginEndpoints.TryAdd(path, endpoint))
            {
                throw new GatewayStartupException($"plugins '{((IGatewayPlugin)pluginEndpoints[path]).Name}' and '{plugin.Name}' both serve the status path {path}");
            }
        }

        var plugins = new StatusPlugins(
            [.. enabled.Values.OrderBy(p => p.Name, StringComparer.Ordinal)],
            [.. runtime.Config.Plugins.Where(p => p.Enabled).Select(p => p.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
        var loggerFactory = services.GetRequiredService<ILoggerFactory>();
        var endpoints = new StatusEndpoints(
            services.GetRequiredService<ConnectionCounters>(),
            services.GetRequiredService<ConfigurationHash>(),
            services.GetRequiredService<Readiness>(),
            plugins,
            pluginEndpoints,
            loggerFactory.CreateLogger("Gateway.Status"));
        return new StatusListener(services.GetRequiredService<GatewayOptions>(), endpoints, pluginEndpoints.Keys, loggerFactory);
    }
}
