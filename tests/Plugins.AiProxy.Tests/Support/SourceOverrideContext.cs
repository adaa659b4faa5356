using System.Text.Json;
using Gateway.TestCommon;
using Microsoft.AspNetCore.Http;

namespace Gateway.Plugins.AiProxy.Tests.Support;

/// <summary>A <see cref="FakePluginContext"/> whose response source can be set, to play the host's
/// gateway-generated errors (ResponseSource.Error), which the shared fake cannot.</summary>
internal sealed class SourceOverrideContext(FakePluginContext inner, ResponseSource source) : PluginContext
{
    public FakePluginContext Inner => inner;

    public override HttpContext HttpContext => inner.HttpContext;

    public override string RequestId => inner.RequestId;

    public override PluginInstance Instance => inner.Instance;

    public override UpstreamTarget Upstream => inner.Upstream;

    public override string PathAfterRoute => inner.PathAfterRoute;

    public override ResponseSource ResponseSource => source;

    public override int? UpstreamStatusCode => inner.UpstreamStatusCode;

    public override long StartTimestamp => inner.StartTimestamp;

    public override long UpstreamSentTimestamp => inner.UpstreamSentTimestamp;

    public override T GetState<T>() => inner.GetState<T>();

    public override void SetShared<T>(ContextKey<T> key, T value) => inner.SetShared(key, value);

    public override bool TryGetShared<T>(ContextKey<T> key, out T value) => inner.TryGetShared(key, out value);

    public override void SetSerializeValue(string key, object? value) => inner.SetSerializeValue(key, value);

    public override void RedactRequestHeader(string headerName) => inner.RedactRequestHeader(headerName);

    public override ValueTask<RequestBody> ReadRequestBodyAsync(long maxBytes, CancellationToken cancellationToken = default) =>
        inner.ReadRequestBodyAsync(maxBytes, cancellationToken);

    public override void SetRequestBody(ReadOnlyMemory<byte> body) => inner.SetRequestBody(body);

    public override void Exit(int statusCode, string? body = null, string? contentType = null) => inner.Exit(statusCode, body, contentType);

    public override void WriteLogEntry(Utf8JsonWriter writer) => inner.WriteLogEntry(writer);
}
