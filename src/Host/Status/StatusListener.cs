using Gateway.Host.Cli;
using Gateway.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Status;

/// <summary>
/// Kong's <c>status_listen</c>: a second, small Kestrel app on <c>--status-urls</c>, apart from the proxy listener so
/// that nothing it serves can ever be reached through a proxy port. It starts before the proxy listener (so
/// <c>/status/ready</c> answers 503 until the proxy is up) and stops after it (so it answers 503 while the proxy
/// drains).
/// </summary>
internal sealed class StatusListener(
    GatewayOptions options,
    StatusEndpoints endpoints,
    IReadOnlyCollection<string> pluginPaths,
    ILoggerFactory loggerFactory) : IHostedLifecycleService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The bound addresses (a port of 0 resolved), once started.</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(options.StatusUrls!);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        // One process, one set of logs and one shutdown: the gateway's.
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, NoLifetime>();
        var app = builder.Build();
        app.Run(endpoints.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        _app = app;
        Addresses = [.. app.Urls];
        var paths = string.Concat(pluginPaths.Select(p => ", " + p));
        StatusLog.Listening(loggerFactory.CreateLogger("Gateway"), string.Join(", ", Addresses), paths);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>The status app neither waits for Ctrl+C nor stops the process: the gateway's host does both.</summary>
    private sealed class NoLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
