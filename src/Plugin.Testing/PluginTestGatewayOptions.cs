using Gateway.Plugins;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Plugins.Testing;

/// <summary>What a <see cref="PluginTestGateway"/> runs: the plugins under test, the upstream and the values the
/// decK YAML's <c>${{ env "DECK_..." }}</c> placeholders read.</summary>
public sealed class PluginTestGatewayOptions
{
    private readonly List<Type> _plugins = [];
    private readonly List<ILoggerProvider> _loggerProviders = [];
    private readonly List<Action<IServiceCollection>> _services = [];

    internal PluginTestGatewayOptions()
    {
    }

    /// <summary>The variables the YAML's <c>${{ env "DECK_..." }}</c> placeholders see; the process environment is
    /// not read, so a test does not depend on the machine it runs on. <see cref="PluginTestGateway.UpstreamUrlVariable"/>
    /// is set by the gateway unless given here.</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    internal IReadOnlyList<Type> Plugins => _plugins;

    internal IReadOnlyList<ILoggerProvider> LoggerProviders => _loggerProviders;

    internal IReadOnlyList<Action<IServiceCollection>> ServiceConfigurations => _services;

    internal bool BundledPlugins { get; private set; }

    internal Func<HttpContext, Task>? UpstreamHandler { get; private set; }

    internal Uri? UpstreamUrl { get; private set; }

    /// <summary>Loads a plugin class under test in-process, from the test's own reference to it (no DLL path, no
    /// publish step): the host registers it and enables it under the name it reports, as it does a drop-in.</summary>
    /// <typeparam name="TPlugin">The plugin class; it may be internal.</typeparam>
    /// <returns>These options, for chaining.</returns>
    public PluginTestGatewayOptions AddPlugin<TPlugin>() where TPlugin : class, IGatewayPlugin => AddPlugin(typeof(TPlugin));

    /// <summary>Loads a plugin class under test in-process; see <see cref="AddPlugin{TPlugin}"/>.</summary>
    /// <param name="pluginType">A concrete class implementing <see cref="IGatewayPlugin"/>.</param>
    /// <returns>These options, for chaining.</returns>
    public PluginTestGatewayOptions AddPlugin(Type pluginType)
    {
        ArgumentNullException.ThrowIfNull(pluginType);
        _plugins.Add(pluginType);
        return this;
    }

    /// <summary>Also loads the plugins that ship with the gateway (<c>ai-proxy</c>, <c>file-log</c>) from their
    /// own assemblies and load contexts, exactly as a gateway's <c>"bundled"</c> catalog entry does.</summary>
    /// <returns>These options, for chaining.</returns>
    public PluginTestGatewayOptions AddBundledPlugins()
    {
        BundledPlugins = true;
        return this;
    }

    /// <summary>Answers upstream requests with <paramref name="handler"/>, served by a Kestrel listener on a
    /// loopback port that <c>DECK_UPSTREAM_URL</c> points at. The request body has already been read into
    /// <see cref="PluginTestGateway.UpstreamRequests"/>; <see cref="HttpRequest.Body"/> replays it. Without this
    /// call the upstream answers 200 and echoes the request's body and content type.</summary>
    /// <param name="handler">Writes the upstream's response.</param>
    /// <returns>These options, for chaining.</returns>
    public PluginTestGatewayOptions UseUpstream(Func<HttpContext, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        UpstreamHandler = handler;
        UpstreamUrl = null;
        return this;
    }

    /// <summary>Sends upstream requests to a server the test runs itself (<c>DECK_UPSTREAM_URL</c> is this URL);
    /// <see cref="PluginTestGateway.UpstreamRequests"/> then stays empty.</summary>
    /// <param name="url">The server's base URL, for example <c>http://127.0.0.1:5001</c>.</param>
    /// <returns>These options, for chaining.</returns>
    public PluginTestGatewayOptions UseUpstream(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        UpstreamUrl = url;
        UpstreamHandler = null;
        return this;
    }

    /// <summary>Adds a logger provider beside the console logger, e.g. to assert on what the plugin logged (its
    /// configure phase included).</summary>
    /// <param name="provider">The provider; the gateway disposes it when it stops.</param>
    /// <returns>These options, for chaining.</returns>
    public PluginTestGatewayOptions AddLoggerProvider(ILoggerProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _loggerProviders.Add(provider);
        return this;
    }

    /// <summary>Adds or replaces services in the gateway's container after its own setup, where the plugin
    /// classes are resolved from: e.g. a <see cref="TimeProvider"/> the test controls, or an options object a
    /// plugin's constructor takes.</summary>
    /// <param name="configure">Changes the service collection; a later registration of a service wins.</param>
    /// <returns>These options, for chaining.</returns>
    public PluginTestGatewayOptions ConfigureServices(Action<IServiceCollection> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _services.Add(configure);
        return this;
    }
}
