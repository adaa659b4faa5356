namespace Gateway.Host.Configuration.Declarative;

/// <summary>The service <c>url</c> shorthand split into the fields Kong stores (services.lua shorthand_fields).</summary>
internal sealed record ServiceUrl(string Protocol, string Host, int Port, string? Path)
{
    /// <summary>Returns null and an error text when the url cannot be split.</summary>
    public static ServiceUrl? Parse(string url, out string? error)
    {
        error = null;
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 ? url[..schemeEnd].ToLowerInvariant() : null;
        var rest = schemeEnd > 0 ? url[(schemeEnd + 3)..] : url;

        var queryAt = rest.IndexOfAny(['?', '#']);
        if (queryAt >= 0)
        {
            // Kong drops a query silently; an upstream query in a service url is almost surely a mistake.
            error = "field 'url' must not contain a query or fragment";
            return null;
        }

        var pathAt = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = pathAt >= 0 ? rest[..pathAt] : rest;
        var path = pathAt >= 0 ? rest[pathAt..] : null;

        if (!Uri.TryCreate($"{scheme ?? "http"}://{authority}", UriKind.Absolute, out var parsed) ||
            parsed.Host.Length == 0 || authority.Contains('@', StringComparison.Ordinal))
        {
            error = "field 'url' is not a valid URL";
            return null;
        }

        var explicitPort = parsed.IsDefaultPort && !authority.EndsWith($":{parsed.Port}", StringComparison.Ordinal)
            ? (int?)null
            : parsed.Port;
        // Without a scheme Kong infers it from the port: 443 means https, anything else http.
        var protocol = scheme ?? (explicitPort == 443 ? "https" : "http");
        var port = explicitPort ?? (protocol == "https" ? 443 : 80);
        var host = parsed.HostNameType == UriHostNameType.IPv6 ? parsed.Host.Trim('[', ']') : parsed.Host;
        return new ServiceUrl(protocol, host, port, path);
    }
}
