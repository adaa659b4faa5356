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

    private static readonly HashSet<string> UrlParts = ["protocol", "host", "port", "path"];

    public static ServiceDraft Read(JsonObject obj, string location, ICollection<string> errors, string formatVersion)
    {
        var f = new EntityFields(obj, location, errors, Allowed);
        var id = IdField.Read(f);
        var name = f.String("name");

        string? protocol, host, path;
        int? port;
        var url = f.String("url");
        if (url is not null)
        {
            foreach (var part in UrlParts.Where(f.Has))
                f.Error($"field '{part}' cannot be combined with 'url' (the url sets it)");
            var parsed = ServiceUrl.Parse(url, out var urlError);
            if (urlError is not null)
                f.Error(urlError);
            (protocol, host, port, path) = (parsed?.Protocol, parsed?.Host, parsed?.Port, parsed?.Path);
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
        if (host is not null && Uri.CheckHostName(host) == UriHostNameType.Unknown)
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
        var plugins = EntityList.ReadNested(f, "plugins", (o, loc) => PluginReader.Read(o, loc, errors, nested: true));
        return new ServiceDraft(id, entity, location, routes, plugins);
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
