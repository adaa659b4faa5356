using Gateway.Host.Cli;
using Gateway.Host.Configuration.Declarative;
using Gateway.Host.Diagnostics;
using Gateway.Host.Listening;
using Gateway.Host.Loading;
using Gateway.Host.Pipeline;
using Gateway.Host.Status;
using Gateway.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Host;

/// <summary>Composes the gateway: plugin catalog, plugin assemblies, declarative config, chains, Kestrel.</summary>
internal static class GatewayApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == Usage.UsageCommand.Name)
        {
            // A report over log files: no plugins, no config, no listener.
            return await Usage.UsageCommand.RunAsync(args, Usage.UsageConsole.FromProcess(), CancellationToken.None);
        }

        GatewayOptions options;
        try
        {
            options = GatewayOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}\n\n{GatewayOptions.Usage}");
            return 2;
        }

        if (options.Help)
        {
            Console.WriteLine(GatewayOptions.Usage);
            return 0;
        }

        WebApplication app;
        try
        {
            app = await BuildAsync(options, Environment.GetEnvironmentVariable, CancellationToken.None);
        }
        catch (GatewayStartupException ex)
        {
            foreach (var line in ex.Message.Split('\n'))
            {
                await Console.Error.WriteLineAsync($"error: {line}");
            }

            return 1;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Last resort for a failure no loader step anticipated (an unreadable file, a folder where a file was
            // expected): one line and exit 1 like every other startup error, not a stack trace and exit 134.
            await Console.Error.WriteLineAsync($"error: startup failed: {OneLine(ex)}");
            return 1;
        }

        if (options.Check)
        {
            var runtime = app.Services.GetRequiredService<GatewayRuntime>();
            Console.WriteLine($"configuration is valid: {runtime.Config.Services.Count} services, {runtime.Config.Routes.Count} routes, {runtime.Config.Plugins.Count} plugins");
            await app.DisposeAsync();
            return 0;
        }

        await using (app)
        {
            try
            {
                await app.StartAsync();
            }
            catch (IOException ex)
            {
                // Kestrel could not bind (a port already in use, an address not on this machine): its message names
                // the address, which is all an operator needs; a stack trace and exit 134 would bury it.
                await Console.Error.WriteLineAsync($"error: {ex.Message.ReplaceLineEndings(" ")}");
                return 1;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                await Console.Error.WriteLineAsync($"error: startup failed: {OneLine(ex)}");
                return 1;
            }

            await app.WaitForShutdownAsync();
        }

        return 0;
    }

    private static string OneLine(Exception ex) =>
        $"{ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}";

    /// <summary>Builds a ready-to-start gateway; throws <see cref="GatewayStartupException"/> with every problem.</summary>
    /// <param name="configureBuilder">Runs after the gateway's own setup, before the build; lets embedding code (tests)
    /// add services such as a logger provider that must also see the configure phase.</param>
    private const string NoConfigReload = "--hostBuilder:reloadConfigOnChange=false";

    public static async Task<WebApplication> BuildAsync(
        GatewayOptions options,
        Func<string, string?> getEnvironmentVariable,
        CancellationToken cancellationToken,
        Action<WebApplicationBuilder>? configureBuilder = null)
    {
        var catalog = PluginCatalogReader.Read(
            ConfigSources.FindPluginCatalog(options),
            () => BundledPlugins.Entries(options.PluginFolder, AppContext.BaseDirectory));
        catalog = [.. catalog, .. DropInPlugins.Find(options.PluginFolder, catalog)];
        var sources = ConfigSources.Read(options);
        var loaded = DeclarativeConfigLoader.Load(sources, getEnvironmentVariable);
        if (loaded.Config is null || loaded.Errors.Count > 0)
        {
            throw new GatewayStartupException(string.Join('\n', loaded.Errors));
        }

        IReadOnlyList<LoadedPluginAssembly> assemblies = [.. PluginAssemblyLoader.LoadAll(catalog), .. InProcessPlugins.Load(options.InProcessPlugins)];
        // The host's appsettings.json files are read once: reloading them would put a recursive FileSystemWatcher on
        // the content root (the working directory), 319 inotify watches when started from this repository, and wake
        // the gateway for every file written below it (builds, logs). An operator's own argument still wins.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [NoConfigReload, .. options.HostArgs] });
        if (!options.HasUrls)
        {
            builder.WebHost.UseUrls(GatewayOptions.DefaultUrl);
        }

        var counters = new ConnectionCounters();
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ConfigureEndpointDefaults(listen => listen.CountConnections(counters));
            ListenerLimits.Apply(kestrel.Limits, context.Configuration);
            // Header bytes >= 0x80 (RFC 9110's obs-text) pass through untouched, as nginx passes them: Latin-1 maps
            // each byte to one char and back. The upstream client uses the same encoding (UpstreamClientFactory).
            kestrel.RequestHeaderEncodingSelector = static _ => System.Text.Encoding.Latin1;
            kestrel.ResponseHeaderEncodingSelector = static _ => System.Text.Encoding.Latin1;
        });
        // The socket transport takes its pool from the last IMemoryPoolFactory<byte> registered (Kestrel's 4 KB one
        // is registered by CreateBuilder): larger blocks let a large request body arrive in a few receives.
        builder.Services.AddSingleton(ListenerBlockSize.Read(builder.Configuration));
        builder.Services.AddSingleton<ListenerBlockPoolFactory>();
        builder.Services.AddSingleton<IMemoryPoolFactory<byte>>(services => services.GetRequiredService<ListenerBlockPoolFactory>());
        // YARP logs each forwarding error as a warning with a stack trace, blaming the side it saw fail; the gateway
        // writes its own line per failed request instead (Diagnostics/Log.Outcome), with the side it decided.
        builder.Logging.AddFilter("Yarp", LogLevel.Error).AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            // The host logs a failed start ("Hosting failed to start") with its stack trace; RunAsync reports the
            // same failure as one line on stderr, which is the message an operator acts on.
            .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.AddSingleton(options);
        builder.Services.AddHttpForwarder();
        builder.Services.AddSingleton<GatewayTransformer>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddGatewayPlugins(assemblies);
        builder.Services.AddSingleton(services => BuildRuntime(services, assemblies, loaded.Config));
        builder.Services.AddGatewayStatus(options, ConfigurationHash.Of(sources, loaded.Config), counters, assemblies);
        configureBuilder?.Invoke(builder);

        var app = builder.Build();
        try
        {
            var runtime = app.Services.GetRequiredService<GatewayRuntime>();
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway");
            Log.ConfigLoaded(logger, runtime.Config.Services.Count, runtime.Config.Routes.Count, runtime.Config.Plugins.Count, string.Join(", ", sources.Select(s => s.Name)));
            foreach (var warning in loaded.Warnings)
            {
                // check prints to stderr next to its errors; a running gateway reports through its log.
                if (options.Check)
                {
                    await Console.Error.WriteLineAsync($"warning: {warning}");
                }
                else
                {
                    ConfigWarningLog.Warning(logger, warning);
                }
            }

            foreach (var plugin in PluginDescription.Of(PluginRegistration.Enabled(app.Services, assemblies), assemblies))
            {
                // Like the warnings: check answers on the console, a running gateway in its log.
                if (options.Check)
                {
                    Console.WriteLine(plugin.ToString());
                }
                else
                {
                    Log.PluginLoaded(logger, plugin.Name, plugin.Version, plugin.Priority, plugin.Phases, plugin.AssemblyPath, plugin.Contract);
                }
            }

            Log.PluginOrder(logger, string.Join(" > ", runtime.Chains.InstancesByPlugin.Keys.Select(p => $"{p.Name} ({p.Priority})")));
            await ConfigurePluginsAsync(runtime, cancellationToken);
            // Resolved now so that a plugin's bad status path is a startup error like any other.
            _ = app.Services.GetService<StatusListener>();
            var middleware = ActivatorUtilities.CreateInstance<GatewayMiddleware>(app.Services);
            app.Run(middleware.InvokeAsync);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static GatewayRuntime BuildRuntime(IServiceProvider services, IReadOnlyList<LoadedPluginAssembly> assemblies, Configuration.Model.GatewayConfig config)
    {
        var catalogued = PluginRegistration.Enabled(services, assemblies);
        var errors = new List<string>();
        var chains = PluginChainBuilder.Build(config, catalogued, errors);
        if (errors.Count > 0)
        {
            throw new GatewayStartupException(string.Join('\n', errors));
        }

        return new GatewayRuntime(config, chains);
    }

    private static async Task ConfigurePluginsAsync(GatewayRuntime runtime, CancellationToken cancellationToken)
    {
        foreach (var (plugin, instances) in runtime.Chains.InstancesByPlugin)
        {
            if (plugin is IConfigurePhase configure && instances.Count > 0)
            {
                try
                {
                    await configure.ConfigureAsync(instances, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // Outside authors' code: the operator needs the plugin's name and what it said, on one line,
                    // not the host's stack trace.
                    throw new GatewayStartupException($"plugin '{plugin.Name}': configure failed: {OneLine(ex)}");
                }
            }

            // Requests read the prepared values without locks: from here on they are fixed.
            foreach (var instance in instances)
            {
                instance.Seal();
            }
        }
    }
}
