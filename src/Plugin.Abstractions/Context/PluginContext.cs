using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Gateway.Plugins;

/// <summary>
/// The per-request context every phase receives: Kong's PDK for one request. The host creates one per request
/// and positions it on the plugin instance being called, so <see cref="Instance"/> and
/// <see cref="GetState{T}"/> always belong to the caller.
/// </summary>
public abstract class PluginContext
{
    /// <summary>The ASP.NET Core context: request method, path, headers and, in the response phases, the response
    /// status and headers. Escape hatch for anything this contract does not cover.</summary>
    public abstract HttpContext HttpContext { get; }

    /// <summary>The gateway's id for this request (also logged as <c>request.id</c>).</summary>
    public abstract string RequestId { get; }

    /// <summary>The plugin instance being called: its id, bound config and scope.</summary>
    public abstract PluginInstance Instance { get; }

    /// <summary>The current instance's config, cast to the plugin's config type.</summary>
    /// <typeparam name="TConfig">The plugin's <see cref="IGatewayPlugin.ConfigType"/>.</typeparam>
    public TConfig GetConfig<TConfig>() where TConfig : class => (TConfig)Instance.Config;

    /// <summary>State private to the current plugin instance for this request (Kong's <c>kong.ctx.plugin</c>),
    /// created on first use.</summary>
    /// <typeparam name="T">The state type; one value per type per instance.</typeparam>
    public abstract T GetState<T>() where T : class, new();

    /// <summary>Sets state shared by all plugins on this request (Kong's <c>kong.ctx.shared</c>).</summary>
    /// <typeparam name="T">The value type: a BCL type or a type from this contract.</typeparam>
    /// <param name="key">The typed key.</param>
    /// <param name="value">The value.</param>
    public abstract void SetShared<T>(ContextKey<T> key, T value);

    /// <summary>Reads state shared by all plugins on this request.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="key">The typed key.</param>
    /// <param name="value">The value, when present.</param>
    /// <returns>Whether a value was set.</returns>
    public abstract bool TryGetShared<T>(ContextKey<T> key, out T value);

    /// <summary>Adds a field to the log entry (Kong's <c>kong.log.set_serialize_value</c>). Dots in
    /// <paramref name="key"/> nest objects (<c>ai.proxy.usage</c>); a value of <see langword="null"/> removes the
    /// field. Values are JSON primitives, strings, <see cref="System.Text.Json.Nodes.JsonNode"/>, dictionaries,
    /// lists or plain objects serializable by System.Text.Json.</summary>
    /// <param name="key">The dotted field path.</param>
    /// <param name="value">The value.</param>
    public abstract void SetSerializeValue(string key, object? value);

    /// <summary>Marks a request header as secret: the log entry shows it as <c>REDACTED</c>. The host always
    /// redacts <c>authorization</c>, <c>proxy-authorization</c>, <c>cookie</c> and <c>x-api-key</c>.</summary>
    /// <param name="headerName">The header name, case-insensitive.</param>
    public abstract void RedactRequestHeader(string headerName);

    /// <summary>Whether a request header is secret: always-redacted or marked with
    /// <see cref="RedactRequestHeader"/>. A plugin that copies header values anywhere checks this first.</summary>
    /// <param name="headerName">The header name, case-insensitive.</param>
    public abstract bool IsRequestHeaderRedacted(string headerName);

    /// <summary>Where the request goes upstream; change it in the access phase.</summary>
    public abstract UpstreamTarget Upstream { get; }

    /// <summary>The request path after the matched route path prefix, starting with <c>/</c> (the whole path
    /// when the route matched without a path).</summary>
    public abstract string PathAfterRoute { get; }

    /// <summary>Reads the request body once, buffering at most <paramref name="maxBytes"/>; later calls return
    /// the same bytes, and the buffered body is what goes upstream.</summary>
    /// <param name="maxBytes">The most bytes to read; 0 means no limit.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public abstract ValueTask<RequestBody> ReadRequestBodyAsync(long maxBytes, CancellationToken cancellationToken = default);

    /// <summary>Replaces the body sent upstream (the host sets <c>Content-Length</c>).</summary>
    /// <param name="body">The new body; it must stay valid until the request ends.</param>
    public abstract void SetRequestBody(ReadOnlyMemory<byte> body);

    /// <summary>Ends the request in the access phase with this response (Kong's <c>kong.response.exit</c>):
    /// later access handlers and the upstream call are skipped, but every matched plugin's header_filter,
    /// body_filter and log phases still run.</summary>
    /// <param name="statusCode">The status code.</param>
    /// <param name="body">The body, sent as is, or null for none.</param>
    /// <param name="contentType">The content type; defaults to <c>application/json; charset=utf-8</c> when a body
    /// is given.</param>
    /// <exception cref="InvalidOperationException">Called outside the access phase.</exception>
    public abstract void Exit(int statusCode, string? body = null, string? contentType = null);

    /// <summary>Who produced (or is producing) the response.</summary>
    public abstract ResponseSource ResponseSource { get; }

    /// <summary>The upstream's status code, once its response headers arrived.</summary>
    public abstract int? UpstreamStatusCode { get; }

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp of when the gateway started the request.</summary>
    public abstract long StartTimestamp { get; }

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp of when the request was sent upstream, or 0
    /// when it was not (yet).</summary>
    public abstract long UpstreamSentTimestamp { get; }

    /// <summary>The route the request matched and its service; null when no route matched. X
    /// 1.1 return null.</summary>
    public virtual MatchedRoute? MatchedRoute => null;

    /// <summary>The request's latencies as its log entry reports them; complete in the log phase (earlier, the
    /// request is measured up to now). X 1.1 return zeros.</summary>
    public virtual RequestLatencies Latencies => default;

    /// <summary>The request body bytes the gateway received from the client (Kong's bandwidth <c>ingress</c>, body
    /// only); complete in the log phase.</summary>
    public virtual long BodyBytesReceived => 0;

    /// <summary>The response body bytes the gateway sent to the client (Kong's bandwidth <c>egress</c>, body only);
    /// complete in the log phase.</summary>
    public virtual long BodyBytesSent => 0;

    /// <summary>Signalled when the client goes away.</summary>
    public CancellationToken RequestAborted => HttpContext.RequestAborted;

    /// <summary>Writes the whole log entry (Kong's <c>kong.log.serialize()</c>) as one JSON object: request,
    /// upstream, response, latencies, route, service and every <see cref="SetSerializeValue"/> field, with secret
    /// headers redacted. Meant for the log phase.</summary>
    /// <param name="writer">The writer that receives the object.</param>
    public abstract void WriteLogEntry(Utf8JsonWriter writer);
}
