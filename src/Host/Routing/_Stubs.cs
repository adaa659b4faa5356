// TEMPORARY: replaced by the config/routing branch at merge.
using Gateway.Host.Configuration.Model;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Routing
{
    internal sealed class Router
    {
        public Router(GatewayConfig config) => _ = config;
        public RouteMatch? Match(string method, string host, string rawPath, IHeaderDictionary headers) => throw new NotImplementedException();
    }

    internal sealed record RouteMatch(RouteEntity Route, ServiceEntity? Service, string MatchedPath, string PathAfterRoute, string UpstreamPath, IReadOnlyDictionary<string, string> UriCaptures);
}

namespace Gateway.Host.Configuration.Declarative
{
    internal sealed record ConfigSource(string Name, string Text);
    internal sealed record ConfigLoadResult(GatewayConfig? Config, IReadOnlyList<string> Errors);
    internal static class DeclarativeConfigLoader
    {
        public static ConfigLoadResult Load(IReadOnlyList<ConfigSource> sources, Func<string, string?> getEnvironmentVariable) => throw new NotImplementedException();
    }
}
