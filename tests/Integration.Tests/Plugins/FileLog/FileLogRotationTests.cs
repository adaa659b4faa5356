using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Plugins.FileLog;

/// <summary>Rotation by renaming: <c>reopen: true</c> follows it, <c>reopen: false</c> keeps the open file (Kong).</summary>
public sealed class FileLogRotationTests : IDisposable
{
    private const int Before = 5;
    private const int After = 7;

    private readonly TempFolder _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task Rotation_ReopenTrue_NextEntriesGoToANewFileAtPath()
    {
        var (current, rotated) = await RotateAsync(reopen: true);

        Assert.Equal(After, current.Count);
        Assert.Equal(Before, rotated.Count);
    }

    [Fact]
    public async Task Rotation_ReopenFalse_MovedFileKeepsReceivingAndNoNewFileAppears()
    {
        var (current, rotated) = await RotateAsync(reopen: false);

        Assert.Empty(current);
        Assert.False(File.Exists(_logs.File("gateway.json")), "reopen: false must not create a new file");
        Assert.Equal(Before + After, rotated.Count);
    }

    /// <summary>Logs <see cref="Before"/> requests, moves the file away, logs <see cref="After"/> more, stops the
    /// host (which flushes) and returns the lines at the path and in the moved file.</summary>
    private async Task<(IReadOnlyList<string> Current, IReadOnlyList<string> Rotated)> RotateAsync(bool reopen)
    {
        var path = _logs.File("gateway.json");
        var moved = _logs.File("gateway.json.1");
        await using var upstream = await TestUpstream.StartAsync();
        var gateway = await GatewayTestHost.StartAsync(
            EchoRouteConfig.Yaml(upstream.Port, $"  - {{name: file-log, config: {{path: {path}, reopen: {(reopen ? "true" : "false")}}}}}"));
        try
        {
            await SendAsync(gateway, Before);
            await LogFile.WaitForLinesAsync(path, Before);
            File.Move(path, moved);
            await SendAsync(gateway, After);
        }
        finally
        {
            await gateway.DisposeAsync();
        }

        var rotated = LogFile.Lines(moved);
        LogFile.Parse(rotated);
        return (LogFile.Lines(path), rotated);
    }

    private static async Task SendAsync(GatewayTestHost gateway, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await gateway.Client.GetAsync("/r/ok");
            await response.Content.ReadAsStringAsync();
            Assert.Equal(200, (int)response.StatusCode);
        }
    }
}
