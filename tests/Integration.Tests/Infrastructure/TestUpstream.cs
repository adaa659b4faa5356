using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Gateway.Plugins.Testing;
using Microsoft.AspNetCore.Http;

namespace Gateway.Integration.Tests.Infrastructure;

/// <summary>
/// A real Kestrel upstream on loopback. <c>/sse/{key}</c> sends one event and then waits until the test calls
/// <see cref="Release"/>; <c>/drip</c> sends chunks with pauses; <c>/slow</c> delays its headers; <c>/stall</c> sends
/// its headers and then nothing for a while; <c>/cut</c> drops the connection mid-body; anything else
/// echoes the request it received as JSON. It runs on Plugin.Testing's <see cref="UpstreamServer"/>, the loopback
/// upstream plugin authors test against.
/// </summary>
internal sealed class TestUpstream : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new();
    private UpstreamServer? _server;

    public Uri BaseUri { get; private set; } = null!;

    public int Port => BaseUri.Port;

    public ConcurrentQueue<EchoedRequest> Received { get; } = new();

    public static async Task<TestUpstream> StartAsync()
    {
        var upstream = new TestUpstream();
        upstream._server = await UpstreamServer.StartAsync(upstream.HandleAsync, CancellationToken.None);
        upstream.BaseUri = upstream._server.Url;
        return upstream;
    }

    /// <summary>Lets a held <c>/sse/{key}</c> response send the rest of its events.</summary>
    public void Release(string key) => Hold(key).TrySetResult();

    private TaskCompletionSource Hold(string key) => _holds.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var echoed = new EchoedRequest(
            request.Method,
            path + request.QueryString,
            request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            body,
            context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? string.Empty,
            context.Connection.Id);
        Received.Enqueue(echoed);

        if (path.StartsWith("/sse/", StringComparison.Ordinal))
        {
            var key = path["/sse/".Length..];
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync("event: first\ndata: {\"n\":1}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Hold(key).Task.WaitAsync(TimeSpan.FromSeconds(20), context.RequestAborted);
            await context.Response.WriteAsync("event: second\ndata: {\"n\":2}\n\n", context.RequestAborted);
            return;
        }

        if (path == "/drip")
        {
            var count = int.Parse(request.Query["count"].ToString() is { Length: > 0 } c ? c : "5", System.Globalization.CultureInfo.InvariantCulture);
            var interval = int.Parse(request.Query["interval"].ToString() is { Length: > 0 } i ? i : "100", System.Globalization.CultureInfo.InvariantCulture);
            context.Response.ContentType = "text/plain";
            for (var n = 0; n < count; n++)
            {
                await context.Response.WriteAsync($"chunk{n}\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(interval, context.RequestAborted);
            }

            return;
        }

        if (path == "/large")
        {
            // A body with a Content-Length, written in 16 KiB pieces: more than one read for the gateway.
            var size = int.Parse(request.Query["bytes"].ToString() is { Length: > 0 } b ? b : "1000000", System.Globalization.CultureInfo.InvariantCulture);
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = size;
            var piece = new byte[16 * 1024];
            Array.Fill(piece, (byte)'x');
            for (var sent = 0; sent < size; sent += piece.Length)
            {
                await context.Response.Body.WriteAsync(piece.AsMemory(0, Math.Min(piece.Length, size - sent)), context.RequestAborted);
            }

            return;
        }

        if (path == "/slow")
        {
            var ms = int.Parse(request.Query["ms"].ToString() is { Length: > 0 } m ? m : "2000", System.Globalization.CultureInfo.InvariantCulture);
            await Task.Delay(ms, context.RequestAborted);
            await context.Response.WriteAsync("slow", context.RequestAborted);
            return;
        }

        if (path == "/stall")
        {
            // Headers at once, then a silent body.
            var ms = int.Parse(request.Query["ms"].ToString() is { Length: > 0 } m ? m : "2000", System.Globalization.CultureInfo.InvariantCulture);
            context.Response.ContentType = "text/event-stream";
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(ms, context.RequestAborted);
            await context.Response.WriteAsync("late", context.RequestAborted);
            return;
        }

        if (path == "/cut")
        {
            // A stream the upstream abandons midway: a few chunks, then the connection is dropped.
            context.Response.ContentType = "text/event-stream";
            for (var n = 0; n < 3; n++)
            {
                await context.Response.WriteAsync($"data: {n}\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }

            await Task.Delay(50, context.RequestAborted);
            context.Abort();
            return;
        }

        if (path.StartsWith("/status/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = int.Parse(path["/status/".Length..], System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(echoed), context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hold in _holds.Values)
        {
            hold.TrySetResult();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>A request as the upstream saw it; <paramref name="ConnectionId"/> tells kept-alive connections apart.</summary>
/// <param name="RawTarget">The request target exactly as it arrived on the wire (still percent-encoded).</param>
internal sealed record EchoedRequest(string Method, string PathAndQuery, Dictionary<string, string> Headers, string Body, string RawTarget = "", string? ConnectionId = null);
