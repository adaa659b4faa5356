using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Plugins.FileLog;

/// <summary>Under concurrency the file holds exactly one whole line per request (issue 4: at least 2,000 requests
/// at concurrency 64).</summary>
public sealed class FileLogConcurrencyTests : IDisposable
{
    private readonly TempFolder _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task Concurrency_2000RequestsAt64_OneParsableLinePerRequest()
    {
        const int Total = 2_000;
        var path = _logs.File("busy.json");
        await using var upstream = await TestUpstream.StartAsync();
        var gateway = await GatewayTestHost.StartAsync(EchoRouteConfig.Yaml(upstream.Port, $"  - {{name: file-log, config: {{path: {path}}}}}"));
        Traffic.Result result;
        try
        {
            using var client = Traffic.Client(gateway.BaseUri);
            result = await Traffic.SendAsync(client, "/r/x", Total, concurrency: 64);
        }
        finally
        {
            // Stopping the host flushes file-log's queue: the count is final afterwards.
            await gateway.DisposeAsync();
        }

        Assert.Equal(0, result.Failures);
        Assert.Equal(Total, result.RequestIds.Count);
        var lines = LogFile.Lines(path);
        Assert.Equal(Total, lines.Count);
        var logged = LogFile.Parse(lines).Select(LogFile.RequestId).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(Total, logged.Count);
        Assert.True(logged.SetEquals(result.RequestIds), "the logged request ids differ from the X-Kong-Request-Id values received");
    }
}
