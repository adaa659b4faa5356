using Gateway.Host;
using Gateway.Host.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.TestHosting;

/// <summary>The real gateway (plugins loaded from artifacts/, Kestrel on a loopback port) started in-process.</summary>
public sealed class GatewayTestHost : IAsyncDisposable
{
    private readonly TempFolder _folder;

    private GatewayTestHost(WebApplication app, TempFolder folder)
    {
        App = app;
        _folder = folder;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address);
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = System.Net.DecompressionMethods.None })
        {
            BaseAddress = BaseUri,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public WebApplication App { get; }

    public Uri BaseUri { get; }

    public HttpClient Client { get; }

    public string Folder => _folder.Path;

    /// <summary>The status listener's address when the gateway was started with <c>--status-urls</c>.</summary>
    public Uri? StatusUri => App.Services.GetService<Gateway.Host.Status.StatusListener>()?.Addresses is [var first, ..] ? new Uri(first) : null;

    /// <summary>Starts a gateway on the given decK YAML files (applied in order).</summary>
    /// <param name="loggerProvider">Added beside the console logger, e.g. a <see cref="RecordingLoggerProvider"/>
    /// to assert on what the gateway and its plugins logged (the configure phase included).</param>
    /// <param name="arguments">More command-line options, e.g. <c>--client-body-timeout 1</c> or ASP.NET Core
    /// settings such as <c>--Kestrel:Limits:KeepAliveTimeout=00:00:02</c>.</param>
    public static async Task<GatewayTestHost> StartAsync(
        IReadOnlyList<string> yamlFiles,
        IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyDictionary<string, string>? plugins = null,
        ILoggerProvider? loggerProvider = null,
        IReadOnlyList<string>? arguments = null)
    {
        var folder = new TempFolder();
        var args = new List<string> { "--plugins", PluginCatalogFile.Write(folder.Path, plugins), "--urls", "http://127.0.0.1:0" };
        args.AddRange(arguments ?? []);
        for (var i = 0; i < yamlFiles.Count; i++)
        {
            args.Add("--config");
            args.Add(folder.Write($"kong-{i}.yaml", yamlFiles[i]));
        }

        try
        {
            var app = await GatewayApp.BuildAsync(
                GatewayOptions.Parse(args),
                name => environment?.GetValueOrDefault(name),
                CancellationToken.None,
                loggerProvider is null ? null : builder => builder.Logging.AddProvider(loggerProvider));
            await app.StartAsync();
            return new GatewayTestHost(app, folder);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    public static Task<GatewayTestHost> StartAsync(string yaml, IReadOnlyDictionary<string, string>? environment = null) =>
        StartAsync([yaml], environment);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        _folder.Dispose();
    }
}
