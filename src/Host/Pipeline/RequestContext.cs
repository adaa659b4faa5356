using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Gateway.Host.Logging;
using Gateway.Host.Proxy;
using Gateway.Host.Routing;
using Gateway.Plugins;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Pipeline;

/// <summary>
/// The host's <see cref="PluginContext"/>: one per request, positioned on the plugin being called. It also carries
/// what the log serializer needs (timings, tries, sizes), so a request allocates one bag of state.
/// </summary>
internal sealed class RequestContext : PluginContext, IDisposable
{
    private readonly GatewayRuntime _runtime;
    private BoundPlugin? _current;
    private object?[]? _states;
    private Dictionary<object, object?>? _shared;
    private LogFieldTree? _logFields;
    private List<string>? _redacted;
    private List<UpstreamTry>? _tries;
    private byte[]? _bodyBuffer;
    private int _bodyLength;
    private bool _bodyRead;
    private bool _bodyTooLarge;
    private string? _pathAfterRoute;

    public RequestContext(HttpContext httpContext, GatewayRuntime runtime, long startTimestamp)
    {
        HttpContext = httpContext;
        _runtime = runtime;
        StartTimestamp = startTimestamp;
        StartedAtUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        RequestId = Guid.NewGuid().ToString("N");
    }

    public override HttpContext HttpContext { get; }

    public override string RequestId { get; }

    public override PluginInstance Instance => _current?.Instance ?? throw new InvalidOperationException("no plugin is being called");

    public override UpstreamTarget Upstream { get; } = new();

    public override string PathAfterRoute => _pathAfterRoute ?? HttpContext.Request.Path.Value ?? "/";

    public override ResponseSource ResponseSource => Source;

    public override int? UpstreamStatusCode => UpstreamStatus;

    public override long StartTimestamp { get; }

    public override long UpstreamSentTimestamp => UpstreamSent;

    public RouteMatch? Match { get; private set; }

    public PluginChain Chain { get; private set; } = PluginChain.Empty;

    public RequestPhase Phase { get; set; }

    public ResponseSource Source { get; set; } = ResponseSource.Upstream;

    public int? UpstreamStatus { get; set; }

    public long StartedAtUnixMs { get; }

    public long UpstreamSent { get; set; }

    public long UpstreamHeadersReceived { get; set; }

    public long ResponseEnded { get; set; }

    public long ResponseBodyBytes { get; set; }

    public bool Proxied { get; set; }

    /// <summary>A read of the upstream body was cancelled by read_timeout (YARP's activity timeout), not by the client.</summary>
    public bool UpstreamReadTimedOut { get; set; }

    /// <summary>The response an exit or a gateway error produces; null while the upstream answers.</summary>
    public GeneratedResponse? Generated { get; private set; }

    public BodyChunk Chunk { get; } = new();

    public IReadOnlyList<UpstreamTry> Tries => (IReadOnlyList<UpstreamTry>?)_tries ?? [];

    public LogFieldTree? LogFields => _logFields;

    public IReadOnlyList<string> RedactedHeaders => (IReadOnlyList<string>?)_redacted ?? [];

    /// <summary>The request body as buffered by a plugin, or null when it streams through untouched.</summary>
    public ReadOnlyMemory<byte>? BufferedBody { get; private set; }

    public GatewayRuntime Runtime => _runtime;

    /// <summary>A plugin read the body, found it over its limit and still let the request through: the rest of
    /// the body was never read, so it cannot be forwarded.</summary>
    public bool BodyTooLargeUnhandled => _bodyTooLarge;

    public void Route(RouteMatch? match, PluginChain chain)
    {
        Match = match;
        Chain = chain;
        _pathAfterRoute = match?.PathAfterRoute;
    }

    public void Position(BoundPlugin plugin) => _current = plugin;

    public void Fail(int statusCode, string message)
    {
        Source = ResponseSource.Error;
        Generated = GeneratedResponse.KongMessage(statusCode, message);
    }

    public void RecordConnect(UpstreamTry attempt)
    {
        lock (this)
        {
            (_tries ??= []).Add(attempt);
        }
    }

    public override T GetState<T>()
    {
        var slot = _current?.Slot ?? throw new InvalidOperationException("no plugin is being called");
        _states ??= new object?[Chain.All.Length];
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

    public override void SetShared<T>(ContextKey<T> key, T value) => (_shared ??= [])[key] = value;

    public override bool TryGetShared<T>(ContextKey<T> key, out T value)
    {
        if (_shared is not null && _shared.TryGetValue(key, out var raw) && raw is T typed)
        {
            value = typed;
            return true;
        }

        value = default!;
        return false;
    }

    public override void SetSerializeValue(string key, object? value) => (_logFields ??= new LogFieldTree()).Set(key, value);

    public override void RedactRequestHeader(string headerName) => (_redacted ??= []).Add(headerName);

    public override bool IsRequestHeaderRedacted(string headerName) => LogEntryWriter.IsSecret(headerName, RedactedHeaders);

    public override async ValueTask<RequestBody> ReadRequestBodyAsync(long maxBytes, CancellationToken cancellationToken = default)
    {
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
        _bodyBuffer = RequestBodyPool.Instance.Rent((int)Math.Clamp(declared ?? 16 * 1024, 1, 64 * 1024 * 1024));
        var token = cancellationToken.CanBeCanceled ? cancellationToken : HttpContext.RequestAborted;
        while (_bodyLength != declared)
        {
            // A body that exactly fills the buffer is complete when Content-Length says so; without that check the
            // loop would rent a buffer twice the size just to learn that nothing more comes (4 MB body: +8 MB).
            if (_bodyLength == _bodyBuffer.Length)
            {
                var larger = RequestBodyPool.Instance.Rent(_bodyBuffer.Length * 2);
                _bodyBuffer.AsSpan(0, _bodyLength).CopyTo(larger);
                RequestBodyPool.Instance.Return(_bodyBuffer);
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

        Source = ResponseSource.Exit;
        Generated = new GeneratedResponse(statusCode, body, contentType ?? (body is null ? null : "application/json; charset=utf-8"));
    }

    public override void WriteLogEntry(Utf8JsonWriter writer) => LogEntryWriter.Write(writer, this);

    public double ElapsedMs(long from, long to) => from == 0 || to == 0 ? -1 : Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    public void Dispose()
    {
        if (_bodyBuffer is not null)
        {
            RequestBodyPool.Instance.Return(_bodyBuffer);
            _bodyBuffer = null;
        }
    }
}
