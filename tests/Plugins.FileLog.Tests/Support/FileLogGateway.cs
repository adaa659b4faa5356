using System.Globalization;
using System.Text.Json;
using Gateway.Plugins.FileLog.Writing;
using Gateway.Plugins.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Plugins.FileLog.Tests.Support;

/// <summary>
/// file-log in the real gateway (the testing package): one route <c>/r{i}</c> per file-log config, entries numbered
/// by <see cref="EntryNumberPlugin"/>. The plugin is built with the test's logger, clock and writer options (it
/// replaces the container's registration, so the host's phases call this instance).
/// </summary>
internal sealed class FileLogGateway : IAsyncDisposable
{
    private readonly PluginTestGateway _gateway;

    private FileLogGateway(PluginTestGateway gateway)
    {
        _gateway = gateway;
        Plugin = gateway.Services.GetRequiredService<FileLogPlugin>();
    }

    public FileLogPlugin Plugin { get; }

    public PluginTestGateway Gateway => _gateway;

    /// <summary>A file-log config as JSON, for the YAML.</summary>
    public static string Config(string path, bool reopen = false, string customFieldsJson = "null", string? onQueueFull = null) =>
        $$"""{"path": {{JsonSerializer.Serialize(path)}}, "reopen": {{(reopen ? "true" : "false")}}, "custom_fields": {{customFieldsJson}}{{(onQueueFull is null ? "" : $", \"on_queue_full\": \"{onQueueFull}\"")}}}""";

    public static async Task<FileLogGateway> StartAsync(ILogger logger, TimeProvider time, FileLogWriterOptions options, params string[] configs)
    {
        var routes = string.Concat(configs.Select((config, i) => $$"""

                  - name: r{{i}}
                    paths: [/r{{i}}]
                    plugins:
                      - name: file-log
                        config: {{config}}
            """));
        var yaml = $$$"""
            _format_version: "3.0"
            services:
              - name: s
                url: ${{ env "DECK_UPSTREAM_URL" }}
                routes:{{{routes}}}
            plugins:
              - name: entry-number
            """;
        var gateway = await PluginTestGateway.StartAsync(yaml, o => o
            .AddPlugin<FileLogPlugin>()
            .AddPlugin<EntryNumberPlugin>()
            .ConfigureServices(services => services.AddSingleton(_ => new FileLogPlugin(logger, time, options))));
        return new FileLogGateway(gateway);
    }

    /// <summary>Sends requests numbered <paramref name="from"/> on, one at a time, each returning once its log phase
    /// (file-log's included) has run.</summary>
    public async Task LogAsync(int from, int count, int padding = 0, int route = 0)
    {
        for (var n = from; n < from + count; n++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/r{route}/");
            request.Headers.Add("x-n", n.ToString(CultureInfo.InvariantCulture));
            if (padding > 0)
            {
                request.Headers.Add("x-pad", padding.ToString(CultureInfo.InvariantCulture));
            }

            using var response = await _gateway.Client.SendAsync(request);
            await _gateway.NextLogEntryAsync();
        }
    }

    public Task FlushAsync() => Plugin.FlushAsync();

    public ValueTask DisposeAsync() => _gateway.DisposeAsync();
}
