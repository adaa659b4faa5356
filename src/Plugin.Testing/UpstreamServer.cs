using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Plugins.Testing;

/// <summary>The test's upstream: Kestrel on a loopback port, recording each request before the handler answers.</summary>
internal sealed class UpstreamServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<UpstreamRequest> _requests;

    private UpstreamServer(WebApplication app, ConcurrentQueue<UpstreamRequest> requests, Uri url)
    {
        _app = app;
        _requests = requests;
        Url = url;
    }

    public Uri Url { get; }

    public IReadOnlyList<UpstreamRequest> Requests => [.. _requests];

    public static async Task<UpstreamServer> StartAsync(Func<HttpContext, Task>? handler, CancellationToken cancellationToken)
    {
        var requests = new ConcurrentQueue<UpstreamRequest>();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        // A slow client's body reaches the upstream as slowly: the gateway's own rule alone decides about it.
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Limits.MinRequestBodyDataRate = null).UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var respond = handler ?? EchoAsync;
        app.Run(async context =>
        {
            // Recorded before the handler runs, so a test that got its response also sees the request.
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var bytes = body.ToArray();
            var request = context.Request;
            requests.Enqueue(new UpstreamRequest(
                request.Method,
                $"{request.PathBase}{request.Path}{request.QueryString}",
                request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                bytes));
            request.Body = new MemoryStream(bytes, writable: false);
            await respond(context);
        });

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new UpstreamServer(app, requests, new Uri(address));
    }

    private static async Task EchoAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        if (context.Request.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType;
        }

        await context.Request.Body.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
