using Gateway.Host.Configuration.Model;
using Gateway.Host.Consumers;
using Gateway.Host.Logging;
using Gateway.Host.Proxy;
using Gateway.Host.Routing;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Host.Pipeline;

/// <summary>
/// The immutable snapshot a request runs against: router, plugin chains, and one upstream client, request
/// config and pre-serialized log entity per service and route.
/// </summary>
internal sealed class GatewayRuntime : IDisposable
{
    private readonly Dictionary<string, ServiceRuntime> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _routeJson = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Gateway.Plugins.MatchedRoute> _matchedRoutes = new(StringComparer.Ordinal);

    public GatewayRuntime(GatewayConfig config, PluginChains chains)
    {
        Config = config;
        Chains = chains;
        Router = new Router(config);
        Consumers = config.Consumers.Count == 0 ? ConsumerIndex.Empty : new ConsumerIndex(config.Consumers, config.KeyAuthCredentials);
        foreach (var service in config.Services)
        {
            _services[service.Id] = new ServiceRuntime(
                service,
                UpstreamClientFactory.Create(service),
                new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMilliseconds(service.ReadTimeout) },
                EntityJson.Service(service));
        }

        foreach (var route in config.Routes)
        {
            _routeJson[route.Id] = EntityJson.Route(route);
            var service = route.ServiceId is null ? null : _services.GetValueOrDefault(route.ServiceId)?.Entity;
            _matchedRoutes[route.Id] = new Gateway.Plugins.MatchedRoute(route.Id, route.Name, service?.Id, service?.Name, service?.Host);
        }
    }

    public GatewayConfig Config { get; }

    public PluginChains Chains { get; }

    public Router Router { get; }

    public ConsumerIndex Consumers { get; }

    public ServiceRuntime? Service(string? id) => id is not null && _services.TryGetValue(id, out var service) ? service : null;

    public byte[]? RouteJson(string id) => _routeJson.GetValueOrDefault(id);

    /// <summary>The route as the plugin contract describes it; one instance per route, made here once.</summary>
    public Gateway.Plugins.MatchedRoute? MatchedRoute(string id) => _matchedRoutes.GetValueOrDefault(id);

    public void Dispose()
    {
        foreach (var service in _services.Values)
        {
            service.Client.Dispose();
        }
    }
}

/// <summary>What the gateway keeps per service.</summary>
internal sealed record ServiceRuntime(ServiceEntity Entity, HttpMessageInvoker Client, ForwarderRequestConfig RequestConfig, byte[] Json);
