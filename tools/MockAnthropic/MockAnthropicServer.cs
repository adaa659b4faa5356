using Gateway.MockAnthropic.Endpoints;
using Gateway.MockAnthropic.Recording;
using Gateway.MockAnthropic.Replies;
using Gateway.MockAnthropic.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.MockAnthropic;

/// <summary>
/// A Kestrel server speaking the Anthropic Messages API wire format, for gateway tests and benchmarks.
/// The program and in-process tests use this same class.
/// </summary>
internal sealed class MockAnthropicServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RequestRecorder _recorder;
    private readonly StatusOnceCounter _statusOnce = new();
    private readonly HoldGate _holdGate = new();

    private MockAnthropicServer(MockAnthropicOptions options)
    {
        Options = options;
        _recorder = new RequestRecorder(options);

        // The empty builder reads no config files and watches nothing: many servers start per test run and
        // file watchers would exhaust inotify instances.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseUrls(options.Urls);
        // Warnings only: per-request logging would make the mock the bottleneck of the benchmarks it serves.
        // Start failures are rethrown to the caller, so the host's own report of them would only duplicate it.
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        _app = builder.Build();

        var streaming = new StreamingResponder(options, _holdGate);
        var dispatcher = new ApiDispatcher(
            options,
            _recorder,
            new MessagesEndpoint(options, _statusOnce, streaming),
            new ChatCompletionsEndpoint(
                _statusOnce, streaming, TimeProvider.System, options),
            new ControlEndpoints(this));
        _app.Run(dispatcher.InvokeAsync);
    }

    public MockAnthropicOptions Options { get; }

    /// <summary>The address actually bound, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>A snapshot of the recorded requests, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _recorder.Snapshot();

    /// <summary>Streams currently waiting in <c>hold-after-first-event</c>.</summary>
    public int HeldCount => _holdGate.HeldCount;

    public static async Task<MockAnthropicServer> StartAsync(MockAnthropicOptions options)
    {
        var server = new MockAnthropicServer(options);
        try
        {
            await server._app.StartAsync();
        }
        catch
        {
            await server._app.DisposeAsync();
            throw;
        }

        var addresses = server._app.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses;
        server.BaseUri = new Uri(addresses.First().Replace("[::]", "localhost", StringComparison.Ordinal));
        return server;
    }

    /// <summary>Forgets the recordings and the <c>status-once</c> counters.</summary>
    public void Clear()
    {
        _recorder.Clear();
        _statusOnce.Clear();
    }

    /// <summary>Lets every stream that is holding after its first event continue.</summary>
    public void ReleaseHeld() => _holdGate.ReleaseAll();

    /// <summary>Completes when the process is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        // Held streams would otherwise keep the shutdown waiting for their cap.
        _holdGate.ReleaseAll();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
