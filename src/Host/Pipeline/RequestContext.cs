using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Gateway.Host.Diagnostics;
using Gateway.Host.Logging;
using Gateway.Host.Proxy;
using Gateway.Host.Routing;
using Gateway.Plugins;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Pipeline;

/// <summary>
/// The host's <see cref="PluginContext"/>: one per request, positioned on the plugin being called. It also carries
/// what the log serializer needs (timings, tries, sizes, the <see cref="RequestOutcome"/>), so a request allocates
/// one bag of state.
/// </summary>
internal sealed class RequestContext : PluginContext, IDisposable
{
    private readonly GatewayRuntime _runtime;
    private BoundPlugin? _current;
    private object?[]? _states;
    private SharedValues _shared;
    private LogFieldTree? _logFields;
    private List<string>? _redacted;
    private List<string>? _redactedQuery;
    private IReadOnlyList<UpstreamTry>? _tries;
    private ClientBodyStream? _clientBody;
    private byte[]? _bodyBuffer;
    private BufferedRequestContent? _upstreamBody;
    private int _bodyLength;
    private bool _bodyRead;
    private bool _bodyTooLarge;
    private string? _pathAfterRoute;
    private Consumer? _consumer;
    private string? _credentialId;
    private RequestPhase _phase;

    public RequestContext(HttpContext httpContext, GatewayRuntime runtime, long startTimestamp)
    {
        HttpContext = httpContext;
        _runtime = runtime;
        StartTimestamp = startTimestamp;
        StartedAt = DateTimeOffset.UtcNow;
        RequestId = Guid.NewGuid().ToString("N");
    }

    public override HttpContext HttpContext { get; }

    public override string RequestId { get; }

    public override PluginInstance Instance => _current?.Instance ?? throw new InvalidOperationException("no plugin is being called");

    public override UpstreamTarget Upstream { get; } = new();

    public override string PathAfterRoute => _pathAfterRoute ?? HttpContext.Request.Path.Value ?? "/";

    public override ResponseSource ResponseSource => Outcome?.Source ?? ResponseSource.Upstream;

    public override int? UpstreamStatusCode => UpstreamStatus;

    public override DateTimeOffset StartedAt { get; }

    public override TimeSpan Elapsed => Stopwatch.GetElapsedTime(StartTimestamp);

    // On the monotonic clock from StartedAt, so that UpstreamSentAt - StartedAt is the exact interval the log's
    // latencies use, whatever the wall clock did meanwhile.
    public override DateTimeOffset? UpstreamSentAt => UpstreamSent == 0 ? null : StartedAt + Stopwatch.GetElapsedTime(StartTimestamp, UpstreamSent);

    /// <summary><see cref="Stopwatch"/> timestamp of <see cref="StartedAt"/>: the host's latencies are measured from it.</summary>
    public long StartTimestamp { get; }

    public override Consumer? Consumer => _consumer;

    public override string? CredentialId => _credentialId;

    public override ConsumerDirectory Consumers => _runtime.Consumers;

    public override string? ServiceId => Match?.Service?.Id;

    public override MatchedRoute? MatchedRoute => Match is { } match ? _runtime.MatchedRoute(match.Route.Id) : null;

    public override RequestLatencies Latencies
    {
        get
        {
            var ended = ResponseEnded != 0 ? ResponseEnded : Stopwatch.GetTimestamp();
            return new RequestLatencies(
                Stopwatch.GetElapsedTime(StartTimestamp, ended),
                Stopwatch.GetElapsedTime(StartTimestamp, Proxied ? UpstreamSent : ended),
                Proxied && UpstreamHeadersReceived != 0 ? Stopwatch.GetElapsedTime(UpstreamSent, UpstreamHeadersReceived) : null);
        }
    }

    /// <summary>What a plugin buffered, else what streamed through (a body nobody read was not received).</summary>
    public override long BodyBytesReceived => BufferedBody?.Length ?? _clientBody?.BytesRead ?? 0;

    public override long BodyBytesSent => ResponseBodyBytes;

    public RouteMatch? Match { get; private set; }

    public PluginChain Chain { get; private set; } = PluginChain.Empty;

    /// <summary>The phase plugins are being called in; leaving access seals <see cref="Upstream"/>, since the
    /// request has gone (or, with no route, never goes) upstream.</summary>
    public RequestPhase Phase
    {
        get => _phase;
        set
        {
            _phase = value;
            if (value != RequestPhase.Access)
            {
                Upstream.Seal();
            }
        }
    }

    public int? UpstreamStatus { get; set; }

    public long StartedAtUnixMs => StartedAt.ToUnixTimeMilliseconds();

    public long UpstreamSent { get; set; }

    public long UpstreamHeadersReceived { get; set; }

    public long ResponseEnded { get; set; }

    public long ResponseBodyBytes { get; set; }

    /// <summary>The request went to the upstream (its request was built and sent).</summary>
    public bool Proxied => UpstreamSent != 0;

    /// <summary>What became of the request, once decided; null while nothing is (the upstream is being called).</summary>
    public RequestOutcome? Outcome { get; private set; }

    /// <summary>The status the log records: the one sent, or the outcome's when nothing was sent (499 for a client
    /// that left, or the answer it did not stay for).</summary>
    public int LoggedStatus => HttpContext.Response.HasStarted || Outcome is null ? HttpContext.Response.StatusCode : Outcome.Status;

    public BodyChunk Chunk { get; } = new();

    public IReadOnlyList<UpstreamTry> Tries => _tries ?? [];

    public LogFieldTree? LogFields => _logFields;

    public IReadOnlyList<string> RedactedHeaders => (IReadOnlyList<string>?)_redacted ?? [];

    public IReadOnlyList<string> RedactedQueryArguments => (IReadOnlyList<string>?)_redactedQuery ?? [];

    /// <summary>The request body as buffered by a plugin, or null when it streams through untouched.</summary>
    public ReadOnlyMemory<byte>? BufferedBody { get; private set; }

    public GatewayRuntime Runtime => _runtime;

    /// <summary>Why the client's body cannot be used: reading it failed (<see cref="ClientBodyFault"/>), or a
    /// plugin found it over its limit, so the rest was never read. Null while the body is fine.</summary>
    public ClientBodyFault? BodyFault => _bodyTooLarge ? ClientBodyFault.TooLarge : _clientBody?.Fault;

    /// <summary>Puts the client's body behind the gap timeout and the one rule for its failures
    /// (<see cref="ClientBodyStream"/>), for every reader: plugins and YARP alike.</summary>
    public void WatchClientBody(TimeSpan timeout)
    {
        if (HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true)
        {
            return;
        }

        // nginx bounds a request body only by client_body_timeout, the gap between two reads. Kestrel's
        // MinRequestBodyDataRate (240 B/s after a 5 s grace) would cut a slow but steady upload, and a stalled one
        // after 5 s whatever the configured timeout; the gap timeout replaces it.
        if (HttpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }

        var request = HttpContext.Request;
        _clientBody = new ClientBodyStream(request.BodyReader, timeout, HttpContext.RequestAborted);
        request.Body = _clientBody;
    }

    public void Route(RouteMatch? match, PluginChain chain)
    {
        Match = match;
        Chain = chain;
        _pathAfterRoute = match?.PathAfterRoute;
    }

    public void Position(BoundPlugin plugin) => _current = plugin;

    /// <summary>Decides what became of the request (see <see cref="RequestOutcome"/> for the rules).</summary>
    public void Conclude(RequestOutcome outcome) => Outcome = outcome;

    /// <summary>The gateway answers itself with Kong's <c>{"message": ...}</c> (<see cref="RequestOutcome.Answer"/>).</summary>
    public void Fail(int statusCode, string message) => Conclude(RequestOutcome.Answer(statusCode, message));

    /// <summary>The request's tries, recorded once its send to the upstream ended.</summary>
    public void RecordTries(IReadOnlyList<UpstreamTry> tries) => _tries = tries;

    public override T GetState<T>()
    {
        var slot = _current?.Slot ?? throw new InvalidOperationException("no plugin is being called");
        _states ??= new object?[Chain.All.Length];
        if (slot >= _states.Length)
        {
            // The chain grew when a consumer was identified (consumer-scoped plugins).
            Array.Resize(ref _states, Chain.All.Length);
        }

        switch (_states[slot])
        {
            case T state:
                return state;
            case null:
                var created = new T();
                _states[slot] = created;
                return created;
            default:
                // A plugin with several state types: keep them apart by type.
                var map = _states[slot] as Dictionary<Type, object> ?? new Dictionary<Type, object> { [_states[slot]!.GetType()] = _states[slot]! };
                _states[slot] = map;
                if (!map.TryGetValue(typeof(T), out var existing))
                {
                    existing = new T();
                    map[typeof(T)] = existing;
                }

                return (T)existing;
        }
    }

    public override void Authenticate(Consumer? consumer, string? credentialId)
    {
        if (Phase != RequestPhase.Access)
        {
            throw new InvalidOperationException("Authenticate is only allowed in the access phase");
        }

        _consumer = consumer;
        _credentialId = consumer is null ? null : credentialId;
        if (_runtime.Chains.Consumers is { } consumerChains && _current is not null && Match is not null)
        {
            // Kong picks each later plugin's config once the consumer is known: consumer-scoped instances apply to
            // the plugins after this one. Slots of the plugins that ran are kept, so their state stays theirs.
            Chain = consumerChains.Resolve(Chain, _current.Plugin, consumer?.Id, Match.Route.Id, Match.Route.ServiceId);
        }
    }

    public override bool RunsPlugin(string name)
    {
        foreach (var plugin in Chain.All)
        {
            if (string.Equals(plugin.Plugin.Name, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public override void SetShared<T>(ContextKey<T> key, T value) => _shared.Set(key, value);

    public override bool TryGetShared<T>(ContextKey<T> key, out T value)
    {
        if (_shared.TryGet(key, out var raw) && raw is T typed)
        {
            value = typed;
            return true;
        }

        value = default!;
        return false;
    }

    public override void SetSerializeValue(string key, object? value) => (_logFields ??= LogFieldTree.Rent()).Set(key, value);

    public override void RedactRequestHeader(string headerName) => (_redacted ??= []).Add(headerName);

    public override bool IsRequestHeaderRedacted(string headerName) => LogEntryWriter.IsSecret(headerName, RedactedHeaders);

    public override void RedactQueryArgument(string name) => (_redactedQuery ??= []).Add(name);

    public override bool IsQueryArgumentRedacted(string name) => _redactedQuery?.Contains(name, StringComparer.Ordinal) == true;

    public override async ValueTask<RequestBody> ReadRequestBodyAsync(long maxBytes, CancellationToken cancellationToken = default)
    {
        if (!_bodyRead && Phase != RequestPhase.Access)
        {
            // The body streamed upstream as it arrived; reading the spent request stream would return nothing
            // or fail somewhere less clear.
            throw new InvalidOperationException("the request body can only be read in the access phase (later phases get the body an access handler buffered, and none did)");
        }

        if (!_bodyRead)
        {
            await BufferBodyAsync(maxBytes, cancellationToken);
        }

        var limited = maxBytes > 0 && (_bodyTooLarge || _bodyLength > maxBytes);
        return limited ? new RequestBody(ReadOnlyMemory<byte>.Empty, TooLarge: true) : new RequestBody(BufferedBody ?? ReadOnlyMemory<byte>.Empty, false);
    }

    private async ValueTask BufferBodyAsync(long maxBytes, CancellationToken cancellationToken)
    {
        _bodyRead = true;
        var request = HttpContext.Request;
        var declared = request.ContentLength;
        if (maxBytes > 0 && declared > maxBytes)
        {
            // Known to be too large: read none of it.
            _bodyTooLarge = true;
            return;
        }

        var limit = maxBytes > 0 ? maxBytes : long.MaxValue;
        _bodyBuffer = RequestBodyPool.Rent((int)Math.Clamp(declared ?? 16 * 1024, 1, 64 * 1024 * 1024));
        var token = cancellationToken.CanBeCanceled ? cancellationToken : HttpContext.RequestAborted;
        while (_bodyLength != declared)
        {
            // A body that exactly fills the buffer is complete when Content-Length says so; without that check the
            // loop would rent a buffer twice the size just to learn that nothing more comes (4 MB body: +8 MB).
            if (_bodyLength == _bodyBuffer.Length)
            {
                var larger = RequestBodyPool.Rent(_bodyBuffer.Length * 2);
                _bodyBuffer.AsSpan(0, _bodyLength).CopyTo(larger);
                RequestBodyPool.Return(_bodyBuffer);
                _bodyBuffer = larger;
            }

            var read = await request.Body.ReadAsync(_bodyBuffer.AsMemory(_bodyLength), token);
            if (read == 0)
            {
                break;
            }

            _bodyLength += read;
            if (_bodyLength > limit)
            {
                _bodyTooLarge = true;
                return;
            }
        }

        SetBuffered(_bodyBuffer.AsMemory(0, _bodyLength));
    }

    public override void SetRequestBody(ReadOnlyMemory<byte> body)
    {
        if (Phase != RequestPhase.Access)
        {
            throw new InvalidOperationException("the request body can only be replaced in the access phase");
        }

        _bodyRead = true;
        _bodyTooLarge = false;
        SetBuffered(body);
    }

    private void SetBuffered(ReadOnlyMemory<byte> body)
    {
        BufferedBody = body;
        var request = HttpContext.Request;
        request.Body = new ReadOnlyMemoryStream(body);
        request.ContentLength = body.Length;
        request.Headers.TransferEncoding = default;
    }

    public override void Exit(int statusCode, string? body = null, string? contentType = null)
    {
        if (Phase != RequestPhase.Access)
        {
            throw new InvalidOperationException("Exit is only allowed in the access phase");
        }

        Conclude(RequestOutcome.Exit(statusCode, body, contentType));
    }

    public override void WriteLogEntry(Utf8JsonWriter writer)
    {
        if (Phase != RequestPhase.Log)
        {
            // Before the log phase the response, its size and latencies are not known yet.
            throw new InvalidOperationException("WriteLogEntry is only allowed in the log phase");
        }

        LogEntryWriter.Write(writer, this);
    }

    /// <summary>Disposes every plugin's per-request state that is disposable (async first), once the log phase
    /// ran. A state's failure to dispose is reported and does not keep the others from being disposed.</summary>
    public async ValueTask DisposeStatesAsync(ILogger logger)
    {
        var states = _states;
        _states = null;
        if (states is null)
        {
            return;
        }

        for (var slot = 0; slot < states.Length; slot++)
        {
            switch (states[slot])
            {
                case null:
                    break;
                case Dictionary<Type, object> map:
                    foreach (var state in map.Values)
                    {
                        await DisposeStateAsync(state, Chain.All[slot].Plugin.Name, logger);
                    }

                    break;
                case var state:
                    await DisposeStateAsync(state, Chain.All[slot].Plugin.Name, logger);
                    break;
            }
        }
    }

    private async ValueTask DisposeStateAsync(object state, string plugin, ILogger logger)
    {
        try
        {
            if (state is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else if (state is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
        catch (Exception ex)
        {
            Log.PluginFailed(logger, plugin, "state dispose", RequestId, ex);
        }
    }

    public double ElapsedMs(long from, long to) => from == 0 || to == 0 ? -1 : Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    /// <summary>The buffered body goes upstream as <paramref name="content"/>; its buffer returns to the pool only once
    /// the content is done with it.</summary>
    public void SendingBodyWith(BufferedRequestContent content) => _upstreamBody = content;

    public void Dispose()
    {
        _clientBody?.Dispose();
        if (_logFields is { } logFields)
        {
            // The log phase ran: the entry is written. A plugin that still calls SetSerializeValue gets a tree of its own.
            _logFields = null;
            LogFieldTree.Return(logFields);
        }

        if (_bodyBuffer is not null)
        {
            // A body HttpClient may still read (the upstream answered first, or it was never sent) keeps its buffer:
            // it is left to the GC instead of being rented out under a write.
            if (_upstreamBody is null or { Released: true })
            {
                RequestBodyPool.Return(_bodyBuffer);
            }

            _bodyBuffer = null;
        }
    }
}
