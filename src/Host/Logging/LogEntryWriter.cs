using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Gateway.Host.Pipeline;
using Gateway.Plugins;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Gateway.Host.Logging;

/// <summary>
/// Kong's <c>kong.log.serialize()</c> for HTTP: one object with request, upstream, response, latencies, tries,
/// route, service, client_ip, started_at, source and every field plugins set. Credentials are redacted here, once,
/// for every logging plugin (Kong 3.13 leaked the provider key that ai-proxy injects).
/// </summary>
internal static class LogEntryWriter
{
    public const string Redacted = "REDACTED";

    // Log files are read by people and jq, not embedded in HTML: keep '<', '+', non-ASCII readable.
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private static readonly string[] AlwaysRedacted = ["authorization", "proxy-authorization", "cookie", "x-api-key"];

    public static void Write(Utf8JsonWriter writer, RequestContext context)
    {
        var fields = context.LogFields?.Root;
        var http = context.HttpContext;
        var ended = context.ResponseEnded != 0 ? context.ResponseEnded : System.Diagnostics.Stopwatch.GetTimestamp();
        writer.WriteStartObject();

        if (!Overridden(fields, "request", writer))
        {
            WriteRequest(writer, context);
        }

        if (!Overridden(fields, "upstream_uri", writer))
        {
            writer.WriteString("upstream_uri", context.Proxied ? QueryRedaction.Apply(context.Upstream.PathAndQuery, context.RedactedQueryArguments) : string.Empty);
        }

        if (!Overridden(fields, "upstream_status", writer))
        {
            writer.WriteString("upstream_status", context.UpstreamStatus is { } status ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
        }

        if (!Overridden(fields, "response", writer))
        {
            WriteResponse(writer, context);
        }

        if (!Overridden(fields, "latencies", writer))
        {
            writer.WriteStartObject("latencies");
            var beforeProxy = context.Proxied ? context.ElapsedMs(context.StartTimestamp, context.UpstreamSent) : context.ElapsedMs(context.StartTimestamp, ended);
            writer.WriteNumber("kong", Whole(beforeProxy));
            writer.WriteNumber("proxy", context.Proxied && context.UpstreamHeadersReceived != 0 ? Whole(context.ElapsedMs(context.UpstreamSent, context.UpstreamHeadersReceived)) : -1);
            writer.WriteNumber("request", Whole(context.ElapsedMs(context.StartTimestamp, ended)));
            writer.WriteNumber("receive", context.UpstreamHeadersReceived != 0 ? Whole(context.ElapsedMs(context.UpstreamHeadersReceived, ended)) : 0);
            writer.WriteEndObject();
        }

        if (context.Tries.Count > 0 && !Overridden(fields, "tries", writer))
        {
            WriteTries(writer, context);
        }

        if (context.Match is { } match)
        {
            if (!Overridden(fields, "route", writer) && context.Runtime.RouteJson(match.Route.Id) is { } route)
            {
                writer.WritePropertyName("route");
                writer.WriteRawValue(route, skipInputValidation: true);
            }

            if (!Overridden(fields, "service", writer) && context.Runtime.Service(match.Route.ServiceId) is { } service)
            {
                writer.WritePropertyName("service");
                writer.WriteRawValue(service.Json, skipInputValidation: true);
            }
        }

        if (context.Consumer is { } consumer)
        {
            if (context.CredentialId is { } credentialId && !Overridden(fields, "authenticated_entity", writer))
            {
                writer.WriteStartObject("authenticated_entity");
                writer.WriteString("id", credentialId);
                writer.WriteString("consumer_id", consumer.Id);
                writer.WriteEndObject();
            }

            if (!Overridden(fields, "consumer", writer))
            {
                EntityJson.Consumer(writer, consumer);
            }
        }

        if (!Overridden(fields, "client_ip", writer))
        {
            writer.WriteString("client_ip", http.Connection.RemoteIpAddress?.ToString() ?? string.Empty);
        }

        if (!Overridden(fields, "started_at", writer))
        {
            writer.WriteNumber("started_at", context.StartedAtUnixMs);
        }

        if (!Overridden(fields, "source", writer))
        {
            writer.WriteString("source", context.ResponseSource == ResponseSource.Upstream ? "upstream" : "kong");
        }

        if (fields is not null)
        {
            foreach (var (key, value) in fields)
            {
                if (!IsStandard(key))
                {
                    writer.WritePropertyName(key);
                    LogValueWriter.Write(writer, value);
                }
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteRequest(Utf8JsonWriter writer, RequestContext context)
    {
        var request = context.HttpContext.Request;
        var rawTarget = context.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path + request.QueryString).ToString();
        var uri = QueryRedaction.Apply(OriginForm(rawTarget), context.RedactedQueryArguments);
        writer.WriteStartObject("request");
        writer.WriteString("id", context.RequestId);
        writer.WriteString("uri", uri);
        WriteUrl(writer, request, context.HttpContext.Connection.LocalPort, uri);
        QueryStringWriter.Write(writer, request.QueryString.Value, context.RedactedQueryArguments);
        writer.WriteString("method", request.Method);
        var headerBytes = WriteHeaders(writer, "headers", request.Headers, context.RedactedHeaders);
        var body = context.BufferedBody?.Length ?? request.ContentLength ?? 0;
        writer.WriteNumber("size", request.Method.Length + rawTarget.Length + request.Protocol.Length + 4 + headerBytes + 2 + body);
        writer.WriteEndObject();
    }

    /// <summary><c>scheme://host:port/uri</c>, composed in a rented buffer rather than a string per request.</summary>
    private static void WriteUrl(Utf8JsonWriter writer, HttpRequest request, int localPort, string uri)
    {
        var scheme = request.Scheme;
        // With a port, the host is what precedes its colon (also for "[::1]:8080"); without one, HostString's own
        // parsing decides, which only allocates when there is something to cut.
        var hostPort = request.Host.Port;
        var host = hostPort is null ? request.Host.Host.AsSpan() : request.Host.Value.AsSpan(0, request.Host.Value!.LastIndexOf(':'));
        var port = hostPort ?? localPort;
        var length = scheme.Length + 3 + host.Length + 1 + 11 + uri.Length;
        char[]? rented = null;
        var buffer = length <= 512 ? stackalloc char[512] : (rented = ArrayPool<char>.Shared.Rent(length));
        var written = 0;
        Append(buffer, ref written, scheme);
        Append(buffer, ref written, "://");
        Append(buffer, ref written, host);
        buffer[written++] = ':';
        port.TryFormat(buffer[written..], out var digits, default, CultureInfo.InvariantCulture);
        written += digits;
        Append(buffer, ref written, uri);
        writer.WriteString("url", buffer[..written]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static void Append(Span<char> buffer, ref int written, ReadOnlySpan<char> value)
    {
        value.CopyTo(buffer[written..]);
        written += value.Length;
    }

    /// <summary>nginx's <c>$request_uri</c>: the path and query as the client sent them. An absolute-form target
    /// (<c>GET http://host/path</c>, what a client talking to a proxy sends) is reduced to its path and query; the
    /// authority is already in <c>url</c>.</summary>
    internal static string OriginForm(string rawTarget)
    {
        if (rawTarget.Length == 0 || rawTarget[0] == '/' || rawTarget == "*")
        {
            return rawTarget;
        }

        var scheme = rawTarget.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return rawTarget;
        }

        var authorityStart = scheme + 3;
        var pathStart = rawTarget.IndexOfAny(['/', '?', '#'], authorityStart);
        if (pathStart < 0)
        {
            return "/";
        }

        return rawTarget[pathStart] == '/' ? rawTarget[pathStart..] : "/" + rawTarget[pathStart..];
    }

    private static void WriteResponse(Utf8JsonWriter writer, RequestContext context)
    {
        var response = context.HttpContext.Response;
        writer.WriteStartObject("response");
        writer.WriteNumber("status", context.LoggedStatus);
        var headerBytes = WriteHeaders(writer, "headers", response.Headers, []);
        writer.WriteNumber("size", 17 + headerBytes + 2 + context.ResponseBodyBytes);
        writer.WriteEndObject();
    }

    private static void WriteTries(Utf8JsonWriter writer, RequestContext context)
    {
        writer.WriteStartArray("tries");
        foreach (var attempt in context.Tries)
        {
            writer.WriteStartObject();
            writer.WriteNumber("balancer_start", attempt.StartedAtMs);
            writer.WriteString("ip", attempt.Host);
            writer.WriteNumber("port", attempt.Port);
            writer.WriteNumber("balancer_latency", Whole(attempt.LatencyMs));
            if (attempt.Failure is not null)
            {
                writer.WriteString("state", "failed");
                writer.WriteString("code", attempt.Failure);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static int WriteHeaders(Utf8JsonWriter writer, string name, IHeaderDictionary headers, IReadOnlyList<string> extraSecrets)
    {
        var bytes = 0;
        Span<char> lower = stackalloc char[128];
        writer.WriteStartObject(name);
        using var copy = HeaderCopy.Of(headers);
        foreach (var (key, values) in copy.Headers)
        {
            bytes += key.Length + 4 + values.ToString().Length;
            var keySpan = key.Length <= lower.Length ? Lower(key, lower) : key.ToLowerInvariant().AsSpan();
            writer.WritePropertyName(keySpan);
            if (IsSecret(key, extraSecrets))
            {
                writer.WriteStringValue(Redacted);
            }
            else
            {
                WriteValues(writer, values);
            }
        }

        writer.WriteEndObject();
        return bytes;
    }

    private static void WriteValues(Utf8JsonWriter writer, StringValues values)
    {
        if (values.Count == 1)
        {
            writer.WriteStringValue(values[0]);
            return;
        }

        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    public static bool IsSecret(string header, IReadOnlyList<string> extra)
    {
        foreach (var secret in AlwaysRedacted)
        {
            if (string.Equals(header, secret, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        if (string.Equals(header, "set-cookie", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        for (var i = 0; i < extra.Count; i++)
        {
            if (string.Equals(header, extra[i], StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static ReadOnlySpan<char> Lower(string value, Span<char> buffer)
    {
        var length = value.AsSpan().ToLowerInvariant(buffer);
        return buffer[..length];
    }

    private static long Whole(double ms) => ms < 0 ? -1 : (long)Math.Round(ms, MidpointRounding.AwayFromZero);

    private static bool IsStandard(string key) => key is "request" or "upstream_uri" or "upstream_status" or "response"
        or "latencies" or "tries" or "route" or "service" or "client_ip" or "started_at" or "source"
        or "authenticated_entity" or "consumer";

    // kong.log.set_serialize_value can replace a standard field; write the plugin's value in its place.
    private static bool Overridden(Dictionary<string, object?>? fields, string key, Utf8JsonWriter writer)
    {
        if (fields is null || !fields.TryGetValue(key, out var value))
        {
            return false;
        }

        writer.WritePropertyName(key);
        LogValueWriter.Write(writer, value);
        return true;
    }
}
