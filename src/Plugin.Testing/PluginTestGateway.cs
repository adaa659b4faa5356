using System.Text.Json;
using Gateway.Host;
using Gateway.Host.Cli;
using Gateway.Host.Loading;
using Gateway.Host.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Plugins.Testing;

/// <summary>
/// The real gateway, started in-process on a loopback port for a plugin's tests: the host's own config loader,
/// plugin loading, router and phase pipeline, with the plugins under test and an upstream the test controls.
/// Requests go through <see cref="Client"/>; the test reads back the response, what the upstream received
/// (<see cref="UpstreamRequests"/>) and the log entry (<see cref="NextLogEntryAsync"/>).
/// </summary>
/// <example>
/// <code>
/// await using var gateway = await PluginTestGateway.StartAsync(yaml, options => options.AddPlugin&lt;StampPlugin&gt;());
/// var response = await gateway.Client.GetAsync("/stamp/hello");
/// var seen = gateway.UpstreamRequests.Single();
/// var entry = await gateway.NextLogEntryAsync();
/// </code>
/// </example>
public sealed class PluginTestGateway : IAsyncDisposable
{
    /// <summary>The variable holding the upstream's base URL, for the YAML's services:
    /// <c>url: ${{ env "DECK_UPSTREAM_URL" }}</c>.</summary>
    public const string UpstreamUrlVariable = "DECK_UPSTREAM_URL";

    /// <summary>How long <see cref="NextLogEntryAsync"/> waits by default: the log phase runs right after the
    /// response ends, so only a hung plugin takes longer.</summary>
    public static readonly TimeSpan DefaultLogTimeout = TimeSpan.FromSeconds(10);

    // Where the package's build files copy the bundled plugins in the test's output folder.
    private const string BundledPluginFolder = "sluice-bundled-plugins";

    private readonly WebApplication _app;
    private readonly UpstreamServer? _upstream;
    private readonly LogEntryCapture _capture;
    private readonly ScratchFolder _folder;
    private bool _disposed;

    private PluginTestGateway(WebApplication app, UpstreamServer? upstream, Uri upstreamUrl, LogEntryCapture capture, ScratchFolder folder)
    {
        _app = app;
        _upstream = upstream;
        _capture = capture;
        _folder = folder;
        UpstreamUrl = upstreamUrl;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = System.Net.DecompressionMethods.None })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The proxy listener's base URL (<c>http://127.0.0.1:PORT/</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client for the proxy listener, with <see cref="BaseAddress"/> set and no automatic
    /// decompression, so a test sees the bytes and headers the gateway sent.</summary>
    public HttpClient Client { get; }

    /// <summary>Where the gateway sends upstream requests (<c>DECK_UPSTREAM_URL</c>).</summary>
    public Uri UpstreamUrl { get; }

    /// <summary>Every request the upstream received so far, oldest first; empty when the upstream is the test's
    /// own server (<see cref="PluginTestGatewayOptions.UseUpstream(Uri)"/>).</summary>
    public IReadOnlyList<UpstreamRequest> UpstreamRequests => _upstream?.Requests ?? [];

    /// <summary>The gateway's services, for what the other members do not cover.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a gateway on <paramref name="yaml"/> (decK YAML, <c>_format_version: "3.0"</c>).</summary>
    /// <param name="yaml">The declarative config: services, routes and the plugin instances under test. Its
    /// placeholders see <see cref="PluginTestGatewayOptions.Environment"/> and <c>DECK_UPSTREAM_URL</c>.</param>
    /// <param name="configure">Adds the plugins under test and, optionally, the upstream and environment.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started gateway; dispose it to stop it.</returns>
    /// <exception cref="InvalidOperationException">The gateway refused to start (an invalid config, a plugin
    /// that failed in its configure phase, a plugin name the YAML uses but nothing loads); the message carries
    /// the gateway's own error lines.</exception>
    public static async Task<PluginTestGateway> StartAsync(string yaml, Action<PluginTestGatewayOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var options = new PluginTestGatewayOptions();
        configure?.Invoke(options);

        var folder = new ScratchFolder();
        UpstreamServer? upstream = null;
        try
        {
            var upstreamUrl = options.UpstreamUrl;
            if (upstreamUrl is null)
            {
                upstream = await UpstreamServer.StartAsync(options.UpstreamHandler, cancellationToken);
                upstreamUrl = upstream.Url;
            }

            var environment = new Dictionary<string, string>(options.Environment, StringComparer.Ordinal);
            environment.TryAdd(UpstreamUrlVariable, upstreamUrl.ToString().TrimEnd('/'));

            // The bundled plugins come from the package's copy in the output folder; inside the gateway's own
            // repository the host falls back to artifacts/plugins when that copy is absent.
            var catalog = folder.Write("plugins.json", options.BundledPlugins ? """{"plugins": ["bundled"]}""" : """{"plugins": []}""");
            var pluginFolder = options.BundledPlugins
                ? Path.Combine(AppContext.BaseDirectory, BundledPluginFolder)
                : Path.Combine(folder.Path, "no-drop-ins");
            var gatewayOptions = GatewayOptions.Parse(["--plugins", catalog, "--config", folder.Write("kong.yaml", yaml), "--urls", "http://127.0.0.1:0"])
                with { PluginFolder = pluginFolder, InProcessPlugins = options.Plugins };

            var capture = new LogEntryCapture();
            WebApplication app;
            try
            {
                app = await GatewayApp.BuildAsync(
                    gatewayOptions,
                    name => environment.GetValueOrDefault(name),
                    cancellationToken,
                    builder =>
                    {
                        builder.Services.AddSingleton<ILogEntryObserver>(capture);
                        foreach (var provider in options.LoggerProviders)
                        {
                            builder.Logging.AddProvider(provider);
                        }

                        foreach (var configureServices in options.ServiceConfigurations)
                        {
                            configureServices(builder.Services);
                        }
                    });
            }
            catch (GatewayStartupException ex)
            {
                throw new InvalidOperationException($"the gateway did not start: {ex.Message}", ex);
            }

            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }

            return new PluginTestGateway(app, upstream, upstreamUrl, capture, folder);
        }
        catch
        {
            if (upstream is not null)
            {
                await upstream.DisposeAsync();
            }

            folder.Dispose();
            throw;
        }
    }

    /// <summary>The log entry of the next request whose log phase ended: the JSON object the host's serializer
    /// (Kong's <c>kong.log.serialize()</c>) writes for it, with every plugin's <c>SetSerializeValue</c> fields,
    /// as a log plugin such as file-log sees it. Entries come in the order the requests finished.</summary>
    /// <param name="timeout">How long to wait; <see cref="DefaultLogTimeout"/> when null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The entry's root object.</returns>
    /// <exception cref="TimeoutException">No request finished its log phase in time.</exception>
    /// <exception cref="InvalidOperationException">The host could not serialize the entry (a plugin set a value
    /// System.Text.Json cannot write); the inner exception says why.</exception>
    public async Task<JsonElement> NextLogEntryAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var wait = timeout ?? DefaultLogTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait);
        try
        {
            return await _capture.NextAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no request finished its log phase within {wait.TotalSeconds:0.#} s");
        }
    }

    /// <summary>Stops the gateway (its container disposes the plugins) and the upstream, and deletes the gateway's
    /// temporary files. Calling it again does nothing.</summary>
    /// <returns>A task that completes when both have stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        // A test may stop the gateway to make its plugins flush, then dispose it again at the end.
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }

        _folder.Dispose();
    }
}
