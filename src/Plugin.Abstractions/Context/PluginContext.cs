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

    /// <summary>The value the plugin's configure phase prepared for the current instance with
    /// <see cref="PluginInstance.SetPrepared"/> (compiled templates, parsed endpoints, clients): read it here rather
    /// than rebuilding it per request or caching it in a static keyed by the config.</summary>
    /// <typeparam name="T">The prepared value's type.</typeparam>
    /// <exception cref="InvalidOperationException">The configure phase prepared no value of type
    /// <typeparamref name="T"/> for this instance.</exception>
    public T GetPrepared<T>() where T : class => Instance.GetPrepared<T>();

    /// <summary>State private to the current plugin instance for this request (Kong's <c>kong.ctx.plugin</c>),
    /// created on first use. A state that is <see cref="IDisposable"/> or <see cref="IAsyncDisposable"/> is disposed
    /// by the host when the request ends, after the log phase, however the request ended (completed, exited,
    /// upstream error, client gone, a plugin failure); <see cref="IAsyncDisposable"/> is preferred when both.</summary>
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

    /// <summary>The consumer an auth plugin identified (Kong's <c>kong.client.get_consumer()</c>), or null while none
    /// did. Set with <see cref="Authenticate"/>.</summary>
    public abstract Consumer? Consumer { get; }

    /// <summary>The id of the credential that identified <see cref="Consumer"/> (Kong's
    /// <c>kong.client.get_credential()</c>), or null: no consumer yet, or the anonymous consumer.</summary>
    public abstract string? CredentialId { get; }

    /// <summary>Records who is calling (Kong's <c>kong.client.authenticate</c>). In the access phase this also
    /// chooses, for every plugin that runs after the caller, its consumer-scoped instance where one exists (Kong's
    /// precedence: consumer+route+service first, global last); plugins that already ran keep theirs. The log entry's
    /// <c>consumer</c> and <c>authenticated_entity</c> fields come from here.</summary>
    /// <param name="consumer">The consumer, or null to clear it.</param>
    /// <param name="credentialId">The credential's id; null for an anonymous consumer.</param>
    /// <exception cref="InvalidOperationException">Called outside the access phase.</exception>
    public abstract void Authenticate(Consumer? consumer, string? credentialId);

    /// <summary>The configured consumers and credentials, for auth plugins.</summary>
    public abstract ConsumerDirectory Consumers { get; }

    /// <summary>Whether an instance of the named plugin applies to this request (is in its chain), for example
    /// <c>ai-proxy</c>: lets a plugin that answers early use the error shape the route's clients expect.</summary>
    /// <param name="name">The plugin's name, for example <c>ai-proxy</c>.</param>
    public abstract bool RunsPlugin(string name);

    /// <summary>The id of the service the matched route points at (Kong's <c>kong.router.get_service().id</c>), or null
    /// when the route has none. Lets a plugin keep per-service state, such as a budget counted per service.</summary>
    /// <remarks>Virtual with a null default, like the other members below: a context not made by the host (a
    /// benchmark's) need not implement it.</remarks>
    public virtual string? ServiceId => null;

    /// <summary>Marks a query argument as secret (an API key sent as <c>?apikey=...</c>): the log entry shows its
    /// value as <c>REDACTED</c> in <c>request.querystring</c>, <c>request.uri</c>, <c>request.url</c> and
    /// <c>upstream_uri</c>. Kong logs such keys in clear text.</summary>
    /// <param name="name">The argument's name, case-sensitive as Kong's query lookup is.</param>
    public abstract void RedactQueryArgument(string name);

    /// <summary>Whether a query argument was marked secret with <see cref="RedactQueryArgument"/>. A plugin that
    /// copies query values anywhere checks this first.</summary>
    /// <param name="name">The argument's name, case-sensitive.</param>
    public abstract bool IsQueryArgumentRedacted(string name);

    /// <summary>Where the request goes upstream. Readable in every phase; its setters throw
    /// <see cref="InvalidOperationException"/> after the access phase, when the request has gone.</summary>
    public abstract UpstreamTarget Upstream { get; }

    /// <summary>The request path after the matched route path prefix, starting with <c>/</c> (the whole path
    /// when the route matched without a path).</summary>
    public abstract string PathAfterRoute { get; }

    /// <summary>Reads the request body once, buffering at most <paramref name="maxBytes"/>; later calls return
    /// the same bytes, and the buffered body is what goes upstream. Only the access phase reads from the client;
    /// later phases get the body the access phase buffered.</summary>
    /// <param name="maxBytes">The most bytes to read; 0 means no limit.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="InvalidOperationException">Called after the access phase when no access handler buffered
    /// the body: it went upstream as it arrived and is gone.</exception>
    public abstract ValueTask<RequestBody> ReadRequestBodyAsync(long maxBytes, CancellationToken cancellationToken = default);

    /// <summary>Replaces the body sent upstream (the host sets <c>Content-Length</c>).</summary>
    /// <param name="body">The new body; it must stay valid until the request ends.</param>
    /// <exception cref="InvalidOperationException">Called outside the access phase.</exception>
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

    /// <summary>When the gateway received the request (UTC; Kong's <c>started_at</c>).</summary>
    public abstract DateTimeOffset StartedAt { get; }

    /// <summary>How long ago the gateway received the request, on a monotonic clock (wall-clock changes do not
    /// affect it). Read it at two moments to time something within the request.</summary>
    public abstract TimeSpan Elapsed { get; }

    /// <summary>When the request was sent upstream, or null when it was not (yet). Measured on the same monotonic
    /// clock as <see cref="Elapsed"/> from <see cref="StartedAt"/>, so <c>UpstreamSentAt - StartedAt</c> is exact
    /// and comparable with <see cref="Elapsed"/>.</summary>
    public abstract DateTimeOffset? UpstreamSentAt { get; }

    /// <summary>The route the request matched and its service; null when no route matched.</summary>
    public virtual MatchedRoute? MatchedRoute => null;

    /// <summary>The request's latencies as its log entry reports them; complete in the log phase (earlier, the
    /// request is measured up to now).</summary>
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
    /// headers redacted.</summary>
    /// <param name="writer">The writer that receives the object.</param>
    /// <exception cref="InvalidOperationException">Called outside the log phase, before the response is complete.</exception>
    public abstract void WriteLogEntry(Utf8JsonWriter writer);
}
