using Gateway.Host.Configuration.Model;

namespace Gateway.Host.Routing;

/// <summary>
/// The route a request matched. <see cref="MatchedPath"/> is the text the route's path matched (<c>/</c>
/// when it matched without paths); <see cref="UpstreamPath"/> has no query string, the caller appends it.
/// </summary>
internal sealed record RouteMatch(
    RouteEntity Route,
    ServiceEntity? Service,
    string MatchedPath,
    string PathAfterRoute,
    string UpstreamPath,
    IReadOnlyDictionary<string, string> UriCaptures);
