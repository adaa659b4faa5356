using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Plugins.FileLog;

/// <summary>Stopping the gateway writes every queued line: the file has one line per request that completed. The
/// upstream holds each response ~100 ms, so requests are in flight when the stop begins and finish while the
/// server drains; requests sent after that fail and must not be logged.</summary>
public sealed class FileLogShutdownTests : IDisposable
{
    private readonly TempFolder _logs = new();

    public void Dispose() => _logs.Dispose();

    private static string Config(int port, string path) => $$"""
        _format_version: "3.0"
        services:
          - name: echo
            url: http://127.0.0.1:{{port}}
            routes:
              - name: r
                paths: ["/r"]
                plugins:
                  - name: file-log
                    config: {path: {{path}}}
        """;

    [Fact]
    public async Task Shutdown_StopDuringBurst_EveryCompletedRequestIsInTheFile()
    {
        const int Total = 300;
        var path = _logs.File("burst.json");
        await using var upstream = await TestUpstream.StartAsync();
        var gateway = await GatewayTestHost.StartAsync(Config(upstream.Port, path));
        using var client = Traffic.Client(gateway.BaseUri);
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var burst = Traffic.SendAsync(client, "/r/slow?ms=100", Total, concurrency: 32, onCompleted: n =>
        {
            if (n >= Total / 2)
            {
                halfway.TrySetResult();
            }
        });
        await halfway.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await gateway.App.StopAsync();
        await gateway.DisposeAsync();
        var result = await burst;

        Assert.InRange(result.RequestIds.Count, Total / 2, Total);
        var lines = LogFile.Lines(path);
        Assert.Equal(result.RequestIds.Count, lines.Count);
        Assert.True(LogFile.Parse(lines).Select(LogFile.RequestId).ToHashSet(StringComparer.Ordinal).SetEquals(result.RequestIds));
    }

    [Fact]
    public async Task Shutdown_SigtermDuringBurst_EveryCompletedRequestIsInTheFile()
    {
        const int Total = 200;
        var path = _logs.File("sigterm.json");
        await using var upstream = await TestUpstream.StartAsync();
        await using var host = await GatewayProcess.StartAsync(_logs, Config(upstream.Port, path));
        using var client = Traffic.Client(host.BaseUri);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var burst = Traffic.SendAsync(client, "/r/slow?ms=100", Total, concurrency: 16, onCompleted: n =>
        {
            if (n >= Total / 4)
            {
                started.TrySetResult();
            }
        });
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await host.TerminateAsync();
        var result = await burst;
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{host.Stderr}");
        Assert.InRange(result.RequestIds.Count, Total / 4, Total);
        var lines = LogFile.Lines(path);
        Assert.Equal(result.RequestIds.Count, lines.Count);
        Assert.True(LogFile.Parse(lines).Select(LogFile.RequestId).ToHashSet(StringComparer.Ordinal).SetEquals(result.RequestIds));
    }
}
