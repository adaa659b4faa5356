using System.Text.Json;
using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Plugins.FileLog;

/// <summary><c>path: /dev/stdout</c>, as under Docker or systemd: the entry is a line of the process's stdout, a pipe.</summary>
public sealed class FileLogStdoutTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Stdout_OneRequest_StdoutCarriesItsJsonLine()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var host = await GatewayProcess.StartAsync(_folder, $$"""
            _format_version: "3.0"
            services:
              - name: echo
                url: http://127.0.0.1:{{upstream.Port}}
                routes:
                  - name: r
                    paths: ["/r"]
            plugins:
              - name: file-log
                config: {path: /dev/stdout}
            """);
        using var client = Traffic.Client(host.BaseUri);

        using var response = await client.GetAsync("/r/ok");
        await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        var id = response.Headers.GetValues("X-Kong-Request-Id").Single();
        var line = await host.WaitForStdoutAsync(l => l.StartsWith('{') && l.Contains(id, StringComparison.Ordinal), LogFile.Patience);
        using var entry = JsonDocument.Parse(line);
        Assert.Equal(id, entry.RootElement.GetProperty("request").GetProperty("id").GetString());
        Assert.Equal("upstream", entry.RootElement.GetProperty("source").GetString());
        await host.TerminateAsync();
        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
    }
}
