namespace Gateway.Plugins;

/// <summary>
/// The route a request matched and its service, as metrics and logs label them. The host creates one per route at
/// startup, so a plugin may cache per-route data keyed by the instance (reference equality is enough).
/// </summary>
/// <param name="RouteId">The route's id.</param>
/// <param name="RouteName">The route's name, when it has one.</param>
/// <param name="ServiceId">The service's id; null for a route without a service.</param>
/// <param name="ServiceName">The service's name, when it has one.</param>
/// <param name="ServiceHost">The service's host; null for a route without a service.</param>
public sealed record MatchedRoute(string RouteId, string? RouteName, string? ServiceId, string? ServiceName, string? ServiceHost);
