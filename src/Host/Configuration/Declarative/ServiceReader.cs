using System.Text.Json.Nodes;
using Gateway.Host.Configuration.Model;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>Reads and validates one <c>services[]</c> entry (Kong services.lua), with its nested routes and plugins.</summary>
internal static class ServiceReader
{
    private const int MaxTimeout = int.MaxValue - 1;

    private static readonly HashSet<string> Allowed =
    [
        "id", "name", "url", "protocol", "host", "port", "path", "retries", "connect_timeout", "read_timeout",
        "write_timeout", "enabled", "tags", "tls_verify", "tls_verify_depth", "ca_certificates",
        "client_certificate", "routes", "plugins",
    ];

    public static ServiceDraft Read(
        JsonObject obj, string location, ICollection<string> errors, ICollection<string> warnings, string formatVersion)
    {
        var f = new EntityFields(obj, location, errors, Allowed);
        var id = IdField.Read(f);
        var name = f.String("name");

        string? protocol, host, path;
        int? port;
        var url = f.String("url");
        if (url is not null)
        {
            var parsed = ServiceUrl.Parse(url, out var urlError);
            if (urlError is not null)
                f.Error(urlError);
            (protocol, host, port, path) = (parsed?.Protocol, parsed?.Host, parsed?.Port, parsed?.Path);
            if (parsed is not null)
                WarnWhereUrlOverrides(f, parsed, warnings);
        }
        else
        {
            protocol = f.String("protocol");
            host = f.String("host");
            port = f.Int("port", 0, 65535);
            path = f.String("path");
            if (host is null && !f.Has("host"))
                f.Error("field 'host' is required (or set 'url')");
        }

        protocol ??= "http";
        ValidateProtocol(f, protocol, url is null ? "protocol" : "url");
        if (host is not null && !HostName.IsValid(host))
            f.Error("field 'host' must be a hostname or an IP address");
        if (path is not null && !path.StartsWith('/'))
            f.Error("field 'path' must start with /");

        var tlsVerify = f.Bool("tls_verify");
        var tlsVerifyDepth = f.Int("tls_verify_depth", 0, 64);
        foreach (var tlsField in (string[])["tls_verify", "tls_verify_depth"])
        {
            if (f.Has(tlsField) && protocol != "https")
                f.Error($"field '{tlsField}' can only be set when the protocol is https");
        }

        foreach (var certField in (string[])["ca_certificates", "client_certificate"])
        {
            if (f.Has(certField))
                f.Error($"field '{certField}' is not supported: certificate entities are not supported yet");
        }

        var entity = new ServiceEntity
        {
            Id = id ?? "",
            Name = name,
            Protocol = protocol,
            Host = host ?? "",
            Port = port ?? (protocol == "https" ? 443 : 80),
            Path = path,
            Retries = f.Int("retries", 0, 32767) ?? 5,
            ConnectTimeout = f.Int("connect_timeout", 1, MaxTimeout) ?? 60000,
            ReadTimeout = f.Int("read_timeout", 1, MaxTimeout) ?? 60000,
            WriteTimeout = f.Int("write_timeout", 1, MaxTimeout) ?? 60000,
            Enabled = f.Bool("enabled") ?? true,
            TlsVerify = tlsVerify,
            TlsVerifyDepth = tlsVerifyDepth,
            Tags = f.StringList("tags") ?? [],
        };

        var routes = EntityList.ReadNested(f, "routes", (o, loc) => RouteReader.Read(o, loc, errors, formatVersion, nested: true));
        var plugins = EntityList.ReadNested(f, "plugins", (o, loc) => PluginReader.Read(o, loc, errors));
        return new ServiceDraft(id, entity, location, routes, plugins);
    }

    // Kong expands the url shorthand over the separate fields (services.lua shorthand_fields), so the url wins;
    // a field that says otherwise is almost surely stale, and the operator should hear which one was ignored.
    private static void WarnWhereUrlOverrides(EntityFields f, ServiceUrl url, ICollection<string> warnings)
    {
        var differing = new List<string>();
        if (f.Has("protocol") && f.String("protocol") is { } protocol && protocol != url.Protocol)
            differing.Add("protocol");
        if (f.Has("host") && f.String("host") is { } host && !string.Equals(host, url.Host, StringComparison.OrdinalIgnoreCase))
            differing.Add("host");
        if (f.Has("port") && f.Int("port", 0, 65535) is { } port && port != url.Port)
            differing.Add("port");
        if (f.Has("path") && f.String("path") is { } path && path != url.Path)
            differing.Add("path");
        if (differing.Count > 0)
        {
            var fields = string.Join(", ", differing.Select(d => $"'{d}'"));
            warnings.Add($"{f.Location}: {fields} {(differing.Count == 1 ? "differs" : "differ")} from 'url'; the url's value is used, as in Kong");
        }
    }

    private static void ValidateProtocol(EntityFields f, string protocol, string field)
    {
        switch (protocol)
        {
            case "http" or "https":
                return;
            case "grpc" or "grpcs" or "tcp" or "tls" or "tls_passthrough" or "udp" or "ws" or "wss":
                f.Error($"field '{field}': protocol '{protocol}' is not supported here (only http and https)");
                return;
            default:
                f.Error($"field '{field}': protocol must be one of http, https");
                return;
        }
    }
}
