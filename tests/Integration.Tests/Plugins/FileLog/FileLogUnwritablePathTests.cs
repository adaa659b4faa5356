using Gateway.Integration.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Gateway.Integration.Tests.Plugins.FileLog;

/// <summary>A file that cannot be opened is reported once with its path and the reason; the gateway keeps
/// serving, and the log resumes once the problem is fixed.</summary>
public sealed class FileLogUnwritablePathTests : IDisposable
{
    private readonly TempFolder _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task UnwritablePath_MissingFolder_ServesReportsOnceAndResumesWhenCreated()
    {
        var folder = _logs.File("not-yet");
        var path = Path.Combine(folder, "gateway.json");
        var logs = new RecordingLoggerProvider();
        await using var upstream = await TestUpstream.StartAsync();
        var gateway = await GatewayTestHost.StartAsync([$$"""
            _format_version: "3.0"
            services:
              - name: echo
                url: http://127.0.0.1:{{upstream.Port}}
                routes:
                  - name: r
                    paths: ["/r"]
            plugins:
              - name: file-log
                config: {path: {{path}}}
            """], loggerProvider: logs);
        try
        {
            Assert.Single(FileLogErrors(logs));
            await SendAsync(gateway, 3);
            Directory.CreateDirectory(folder);
            var later = await SendAsync(gateway, 3);
            await LogFile.WaitForRequestIdsAsync(path, later);
        }
        finally
        {
            await gateway.DisposeAsync();
        }

        var error = Assert.Single(FileLogErrors(logs));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", error.Message, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains($"file-log writes to {path} again", StringComparison.Ordinal));
    }

    private static IEnumerable<RecordedLog> FileLogErrors(RecordingLoggerProvider logs) =>
        logs.Entries.Where(e => e.Level >= LogLevel.Error && e.Message.Contains("file-log", StringComparison.Ordinal));

    private static async Task<string[]> SendAsync(GatewayTestHost gateway, int count)
    {
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            using var response = await gateway.Client.GetAsync("/r/ok");
            await response.Content.ReadAsStringAsync();
            Assert.Equal(200, (int)response.StatusCode);
            ids[i] = response.Headers.GetValues("X-Kong-Request-Id").Single();
        }

        return ids;
    }
}
