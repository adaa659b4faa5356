using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Plugins;
using Microsoft.AspNetCore.Http;

namespace Gateway.TestCommon;

/// <summary>
/// A PluginContext over a DefaultHttpContext for plugin unit tests: records exits, serialize values and
/// redactions instead of talking to a host.
/// </summary>
public sealed class FakePluginContext : PluginContext
{
    private readonly Dictionary<Type, object> _state = [];
    private readonly Dictionary<object, object?> _shared = [];
    private byte[]? _body;
    private bool _bodyRead;

    public FakePluginContext(object config, HttpContext? httpContext = null, string scope = "global")
    {
        Instance = new PluginInstance("00000000-0000-0000-0000-000000000001", config, scope);
        HttpContext = httpContext ?? new DefaultHttpContext();
    }

    public override HttpContext HttpContext { get; }

    public override string RequestId { get; } = "test-request-id";

    public override PluginInstance Instance { get; }

    /// <summary>Fields set with SetSerializeValue, keyed by their dotted path.</summary>
    public Dictionary<string, object?> SerializeValues { get; } = [];

    public HashSet<string> RedactedHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    public (int Status, string? Body, string? ContentType)? ExitResponse { get; private set; }

    public ReadOnlyMemory<byte>? ReplacedBody { get; private set; }

    public override UpstreamTarget Upstream { get; } = new();

    public override Consumer? Consumer => AuthenticatedConsumer;

    /// <summary>The consumer set with Authenticate.</summary>
    public Consumer? AuthenticatedConsumer { get; set; }

    public override string? CredentialId => AuthenticatedCredentialId;

    public string? AuthenticatedCredentialId { get; set; }

    public override ConsumerDirectory Consumers => Directory ?? throw new InvalidOperationException("set FakePluginContext.Directory first");

    /// <summary>The consumers a test provides.</summary>
    public ConsumerDirectory? Directory { get; set; }

    /// <summary>The plugin names RunsPlugin reports as present on the request.</summary>
    public HashSet<string> ChainPlugins { get; } = new(StringComparer.Ordinal);

    public override void Authenticate(Consumer? consumer, string? credentialId)
    {
        AuthenticatedConsumer = consumer;
        AuthenticatedCredentialId = consumer is null ? null : credentialId;
    }

    public override bool RunsPlugin(string name) => ChainPlugins.Contains(name);

    public override string PathAfterRoute => PathAfterRouteValue;

    public string PathAfterRouteValue { get; set; } = "/";

    public override ResponseSource ResponseSource => SourceOverride ?? (ExitResponse is null ? ResponseSource.Upstream : ResponseSource.Exit);

    /// <summary>Plays a host-generated response (ResponseSource.Error) when set.</summary>
    public ResponseSource? SourceOverride { get; set; }

    public override int? UpstreamStatusCode => UpstreamStatus;

    public int? UpstreamStatus { get; set; }

    public override long StartTimestamp { get; } = Stopwatch.GetTimestamp();

    public override long UpstreamSentTimestamp => UpstreamSent;

    public long UpstreamSent { get; set; }

    /// <summary>Sets the request body that ReadRequestBodyAsync will see.</summary>
    public void SetIncomingBody(string body)
    {
        _body = System.Text.Encoding.UTF8.GetBytes(body);
        HttpContext.Request.Body = new MemoryStream(_body);
        HttpContext.Request.ContentLength = _body.Length;
    }

    public override T GetState<T>()
    {
        if (!_state.TryGetValue(typeof(T), out var value))
        {
            value = new T();
            _state[typeof(T)] = value;
        }

        return (T)value;
    }

    public override void SetShared<T>(ContextKey<T> key, T value) => _shared[key] = value;

    public override bool TryGetShared<T>(ContextKey<T> key, out T value)
    {
        if (_shared.TryGetValue(key, out var raw) && raw is T typed)
        {
            value = typed;
            return true;
        }

        value = default!;
        return false;
    }

    public override void SetSerializeValue(string key, object? value)
    {
        if (value is null)
        {
            SerializeValues.Remove(key);
        }
        else
        {
            SerializeValues[key] = value;
        }
    }

    public override void RedactRequestHeader(string headerName) => RedactedHeaders.Add(headerName);

    public HashSet<string> RedactedQueryArguments { get; } = new(StringComparer.Ordinal);

    public override void RedactQueryArgument(string name) => RedactedQueryArguments.Add(name);

    public override bool IsQueryArgumentRedacted(string name) => RedactedQueryArguments.Contains(name);

    public override bool IsRequestHeaderRedacted(string headerName) =>
        RedactedHeaders.Contains(headerName) || headerName.ToLowerInvariant() is "authorization" or "proxy-authorization" or "cookie" or "x-api-key";

    public override async ValueTask<RequestBody> ReadRequestBodyAsync(long maxBytes, CancellationToken cancellationToken = default)
    {
        if (!_bodyRead)
        {
            using var buffer = new MemoryStream();
            await HttpContext.Request.Body.CopyToAsync(buffer, cancellationToken);
            _body = buffer.ToArray();
            _bodyRead = true;
        }

        return maxBytes > 0 && _body!.Length > maxBytes
            ? new RequestBody(ReadOnlyMemory<byte>.Empty, TooLarge: true)
            : new RequestBody(_body, TooLarge: false);
    }

    public override void SetRequestBody(ReadOnlyMemory<byte> body) => ReplacedBody = body;

    public override void Exit(int statusCode, string? body = null, string? contentType = null) =>
        ExitResponse = (statusCode, body, contentType ?? (body is null ? null : "application/json; charset=utf-8"));

    public override void WriteLogEntry(Utf8JsonWriter writer)
    {
        var root = new JsonObject
        {
            ["request"] = new JsonObject { ["id"] = RequestId, ["method"] = HttpContext.Request.Method },
        };
        foreach (var (key, value) in SerializeValues)
        {
            var node = root;
            var parts = key.Split('.');
            for (var i = 0; i < parts.Length - 1; i++)
            {
                node = (JsonObject)(node[parts[i]] ??= new JsonObject());
            }

            node[parts[^1]] = value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType());
        }

        root.WriteTo(writer);
    }
}
