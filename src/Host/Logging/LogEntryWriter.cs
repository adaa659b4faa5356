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

    // Kong's field names, encoded once: plain ASCII letters and underscores, the same bytes under any encoder.
    private static readonly JsonEncodedText RequestName = JsonEncodedText.Encode("request");
    private static readonly JsonEncodedText UpstreamUriName = JsonEncodedText.Encode("upstream_uri");
    private static readonly JsonEncodedText UpstreamStatusName = JsonEncodedText.Encode("upstream_status");
    private static readonly JsonEncodedText ResponseName = JsonEncodedText.Encode("response");
    private static readonly JsonEncodedText LatenciesName = JsonEncodedText.Encode("latencies");
    private static readonly JsonEncodedText KongName = JsonEncodedText.Encode("kong");
    private static readonly JsonEncodedText ProxyName = JsonEncodedText.Encode("proxy");
    private static readonly JsonEncodedText ReceiveName = JsonEncodedText.Encode("receive");
    private static readonly JsonEncodedText TriesName = JsonEncodedText.Encode("tries");
    private static readonly JsonEncodedText RouteName = JsonEncodedText.Encode("route");
    private static readonly JsonEncodedText ServiceName = JsonEncodedText.Encode("service");
    private static readonly JsonEncodedText ClientIpName = JsonEncodedText.Encode("client_ip");
    private static readonly JsonEncodedText StartedAtName = JsonEncodedText.Encode("started_at");
    private static readonly JsonEncodedText SourceName = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText UriName = JsonEncodedText.Encode("uri");
    private static readonly JsonEncodedText UrlName = JsonEncodedText.Encode("url");
    private static readonly JsonEncodedText MethodName = JsonEncodedText.Encode("method");
    private static readonly JsonEncodedText HeadersName = JsonEncodedText.Encode("headers");
    private static readonly JsonEncodedText SizeName = JsonEncodedText.Encode("size");
    private static readonly JsonEncodedText StatusName = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText BalancerStartName = JsonEncodedText.Encode("balancer_start");
    private static readonly JsonEncodedText IpName = JsonEncodedText.Encode("ip");
    private static readonly JsonEncodedText PortName = JsonEncodedText.Encode("port");
    private static readonly JsonEncodedText BalancerLatencyName = JsonEncodedText.Encode("balancer_latency");
    private static readonly JsonEncodedText UpstreamValue = JsonEncodedText.Encode("upstream");
    private static readonly JsonEncodedText KongValue = JsonEncodedText.Encode("kong");
    private static readonly JsonEncodedText RedactedValue = JsonEncodedText.Encode(Redacted);

    public static void Write(Utf8JsonWriter writer, RequestContext context)
    {
        var raw = JsonAscii.CanWriteRaw(writer);
        var fields = context.LogFields?.Root;
        var http = context.HttpContext;
        var ended = context.ResponseEnded != 0 ? context.ResponseEnded : System.Diagnostics.Stopwatch.GetTimestamp();
        writer.WriteStartObject();

        if (!Overridden(fields, "request", writer))
        {
            WriteRequest(writer, context, raw);
        }

        if (!Overridden(fields, "upstream_uri", writer))
        {
            JsonAscii.WriteString(writer, UpstreamUriName, context.Proxied ? QueryRedaction.Apply(context.Upstream.PathAndQuery, context.RedactedQueryArguments) : string.Empty, raw);
        }

        if (!Overridden(fields, "upstream_status", writer))
        {
            WriteStatus(writer, context.UpstreamStatus, raw);
        }

        if (!Overridden(fields, "response", writer))
        {
            WriteResponse(writer, context, raw);
        }

        if (!Overridden(fields, "latencies", writer))
        {
            writer.WriteStartObject(LatenciesName);
            var beforeProxy = context.Proxied ? context.ElapsedMs(context.StartTimestamp, context.UpstreamSent) : context.ElapsedMs(context.StartTimestamp, ended);
            writer.WriteNumber(KongName, Whole(beforeProxy));
            writer.WriteNumber(ProxyName, context.Proxied && context.UpstreamHeadersReceived != 0 ? Whole(context.ElapsedMs(context.UpstreamSent, context.UpstreamHeadersReceived)) : -1);
            writer.WriteNumber(RequestName, Whole(context.ElapsedMs(context.StartTimestamp, ended)));
            writer.WriteNumber(ReceiveName, context.UpstreamHeadersReceived != 0 ? Whole(context.ElapsedMs(context.UpstreamHeadersReceived, ended)) : 0);
            writer.WriteEndObject();
        }

        if (context.Tries.Count > 0 && !Overridden(fields, "tries", writer))
        {
            WriteTries(writer, context, raw);
        }

        if (context.Match is { } match)
        {
            if (!Overridden(fields, "route", writer) && context.Runtime.RouteJson(match.Route.Id) is { } route)
            {
                writer.WritePropertyName(RouteName);
                writer.WriteRawValue(route, skipInputValidation: true);
            }

            if (!Overridden(fields, "service", writer) && context.Runtime.Service(match.Route.ServiceId) is { } service)
            {
                writer.WritePropertyName(ServiceName);
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
            JsonAscii.WriteString(writer, ClientIpName, http.Connection.RemoteIpAddress?.ToString() ?? string.Empty, raw);
        }

        if (!Overridden(fields, "started_at", writer))
        {
            writer.WriteNumber(StartedAtName, context.StartedAtUnixMs);
        }

        if (!Overridden(fields, "source", writer))
        {
            writer.WriteString(SourceName, context.ResponseSource == ResponseSource.Upstream ? UpstreamValue : KongValue);
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

    // Kong logs the status as a string; formatted on the stack rather than as a string per request.
    private static void WriteStatus(Utf8JsonWriter writer, int? status, bool raw)
    {
        writer.WritePropertyName(UpstreamStatusName);
        Span<char> digits = stackalloc char[11];
        var length = 0;
        if (status is { } value)
        {
            value.TryFormat(digits, out length, default, CultureInfo.InvariantCulture);
        }

        JsonAscii.WriteStringValue(writer, digits[..length], raw);
    }

    private static void WriteRequest(Utf8JsonWriter writer, RequestContext context, bool raw)
    {
        var request = context.HttpContext.Request;
        var rawTarget = context.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path + request.QueryString).ToString();
        var uri = QueryRedaction.Apply(OriginForm(rawTarget), context.RedactedQueryArguments);
        writer.WriteStartObject(RequestName);
        JsonAscii.WriteString(writer, IdName, context.RequestId, raw);
        JsonAscii.WriteString(writer, UriName, uri, raw);
        WriteUrl(writer, request, context.HttpContext.Connection.LocalPort, uri, raw);
        QueryStringWriter.Write(writer, request.QueryString.Value, context.RedactedQueryArguments);
        JsonAscii.WriteString(writer, MethodName, request.Method, raw);
        var headerBytes = WriteHeaders(writer, request.Headers, context.RedactedHeaders, raw);
        var body = context.BufferedBody?.Length ?? request.ContentLength ?? 0;
        writer.WriteNumber(SizeName, request.Method.Length + rawTarget.Length + request.Protocol.Length + 4 + headerBytes + 2 + body);
        writer.WriteEndObject();
    }

    /// <summary><c>scheme://host:port/uri</c>, composed in a rented buffer rather than a string per request.</summary>
    private static void WriteUrl(Utf8JsonWriter writer, HttpRequest request, int localPort, string uri, bool raw)
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
        JsonAscii.WriteString(writer, UrlName, buffer[..written], raw);
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

    private static void WriteResponse(Utf8JsonWriter writer, RequestContext context, bool raw)
    {
        var response = context.HttpContext.Response;
        writer.WriteStartObject(ResponseName);
        writer.WriteNumber(StatusName, context.LoggedStatus);
        var headerBytes = WriteHeaders(writer, response.Headers, [], raw);
        writer.WriteNumber(SizeName, 17 + headerBytes + 2 + context.ResponseBodyBytes);
        writer.WriteEndObject();
    }

    private static void WriteTries(Utf8JsonWriter writer, RequestContext context, bool raw)
    {
        writer.WriteStartArray(TriesName);
        foreach (var attempt in context.Tries)
        {
            writer.WriteStartObject();
            writer.WriteNumber(BalancerStartName, attempt.StartedAtMs);
            JsonAscii.WriteString(writer, IpName, attempt.Host, raw);
            writer.WriteNumber(PortName, attempt.Port);
            writer.WriteNumber(BalancerLatencyName, Whole(attempt.LatencyMs));
            if (attempt.Failure is not null)
            {
                writer.WriteString("state", "failed");
                writer.WriteString("code", attempt.Failure);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static int WriteHeaders(Utf8JsonWriter writer, IHeaderDictionary headers, IReadOnlyList<string> extraSecrets, bool raw)
    {
        var bytes = 0;
        writer.WriteStartObject(HeadersName);
        using var copy = HeaderCopy.Of(headers);
        foreach (var (key, values) in copy.Headers)
        {
            bytes += key.Length + 4 + values.ToString().Length;
            // The cached name is encoded for the log's encoder: other writers take the general path.
            bool secret;
            if (raw && LoggedHeaderName.Get(key) is { } name)
            {
                writer.WritePropertyName(name.Name);
                secret = name.AlwaysSecret || (extraSecrets.Count > 0 && IsExtraSecret(key, extraSecrets));
            }
            else
            {
                WriteLoweredName(writer, key);
                secret = IsSecret(key, extraSecrets);
            }

            if (secret)
            {
                writer.WriteStringValue(RedactedValue);
            }
            else
            {
                WriteValues(writer, values, raw);
            }
        }

        writer.WriteEndObject();
        return bytes;
    }

    private static void WriteLoweredName(Utf8JsonWriter writer, string key)
    {
        Span<char> lower = stackalloc char[128];
        var keySpan = key.Length <= lower.Length ? Lower(key, lower) : key.ToLowerInvariant().AsSpan();
        writer.WritePropertyName(keySpan);
    }

    private static void WriteValues(Utf8JsonWriter writer, StringValues values, bool raw)
    {
        if (values.Count == 1)
        {
            JsonAscii.WriteStringValue(writer, values[0], raw);
            return;
        }

        writer.WriteStartArray();
        foreach (var value in values)
        {
            JsonAscii.WriteStringValue(writer, value, raw);
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

        return string.Equals(header, "set-cookie", StringComparison.OrdinalIgnoreCase) || IsExtraSecret(header, extra);
    }

    private static bool IsExtraSecret(string header, IReadOnlyList<string> extra)
    {
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
