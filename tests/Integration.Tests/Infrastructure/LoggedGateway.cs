using System.Text.Json;
using Gateway.Integration.Tests.Plugins.FileLog;
using Microsoft.Extensions.Logging;

namespace Gateway.Integration.Tests.Infrastructure;

/// <summary>The test upstream behind the real gateway on one plain route <c>/r</c> (no plugin but file-log), with
/// the log entries and the gateway's own log lines at hand: what a request came to, as the log tells it.</summary>
internal sealed class LoggedGateway : IAsyncDisposable
{
    private readonly TempFolder _folder;

    private LoggedGateway(TestUpstream upstream, GatewayTestHost gateway, RecordingLoggerProvider logs, TempFolder folder)
    {
        Upstream = upstream;
        Gateway = gateway;
        Logs = logs;
        _folder = folder;
    }

    public TestUpstream Upstream { get; }

    public GatewayTestHost Gateway { get; }

    public RecordingLoggerProvider Logs { get; }

    public int Port => Gateway.BaseUri.Port;

    public string LogPath => _folder.File("gateway.json");

    /// <param name="service">Extra lines under the service, e.g. <c>read_timeout: 500</c>.</param>
    /// <param name="arguments">Extra command-line options, e.g. <c>--client-body-timeout 1</c>.</param>
    /// <param name="port">Where the service points instead of the test upstream, e.g. a closed port.</param>
    public static async Task<LoggedGateway> StartAsync(string service = "", IReadOnlyList<string>? arguments = null, int? port = null)
    {
        var folder = new TempFolder();
        var upstream = await TestUpstream.StartAsync();
        var logs = new RecordingLoggerProvider();
        var yaml = $$"""
            _format_version: "3.0"
            services:
              - name: echo
                url: http://127.0.0.1:{{port ?? upstream.Port}}
                {{service}}
                routes:
                  - name: r
                    paths: ["/r"]
            plugins:
              - name: file-log
                config: {path: {{folder.File("gateway.json")}}}
            """;
        var gateway = await GatewayTestHost.StartAsync([yaml], loggerProvider: logs, arguments: arguments);
        return new LoggedGateway(upstream, gateway, logs, folder);
    }

    /// <summary>The log entry of one request.</summary>
    public async Task<JsonElement> EntryAsync(string requestId) =>
        (await LogFile.WaitForRequestIdsAsync(LogPath, [requestId])).Single(e => LogFile.RequestId(e) == requestId);

    /// <summary>The only log entry, for a request whose id the client never saw (it left before the answer).</summary>
    public async Task<JsonElement> OnlyEntryAsync() => Assert.Single(LogFile.Parse(await LogFile.WaitForLinesAsync(LogPath, 1)));

    /// <summary>The gateway's lines about one request (any category), once its log phase has run.</summary>
    public IReadOnlyList<RecordedLog> LinesAbout(string requestId) =>
        [.. Logs.Entries.Where(e => e.Message.Contains(requestId, StringComparison.Ordinal))];

    /// <summary>Waits (bounded) until the gateway logged at least one line about the request.</summary>
    public async Task WaitForLinesAboutAsync(string requestId)
    {
        for (var i = 0; i < 250 && LinesAbout(requestId).Count == 0; i++)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>Every warning or error anyone in the gateway logged.</summary>
    public IReadOnlyList<RecordedLog> Problems => [.. Logs.Entries.Where(e => e.Level >= LogLevel.Warning)];

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
        _folder.Dispose();
    }
}
