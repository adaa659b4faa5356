using Gateway.Plugins.FileLog.Configuration;
using Gateway.Plugins.FileLog.Tests.Support;
using Gateway.Plugins.FileLog.Writing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Plugins.FileLog.Tests;

/// <summary>file-log's configure and log phases, run by the real gateway on requests.</summary>
public sealed class FileLogPluginTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly ListLogger _logger = new();
    private readonly ManualTimeProvider _time = new();
    private FileLogGateway? _gateway;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        _directory.Dispose();
    }

    private async Task<FileLogGateway> StartAsync(params string[] configs) => await StartAsync(new FileLogWriterOptions(), configs);

    private async Task<FileLogGateway> StartAsync(FileLogWriterOptions options, params string[] configs) =>
        _gateway = await FileLogGateway.StartAsync(_logger, _time, options, configs);

    private static List<int> Numbers(string path) =>
        Lines.ReadJsonLines(path).ConvertAll(e => e.GetProperty("n").GetInt32());

    [Fact]
    public void Identity_KongFileLog_NamePriorityVersionConfig()
    {
        var plugin = new FileLogPlugin(NullLogger<FileLogPlugin>.Instance, TimeProvider.System);

        Assert.Equal("file-log", plugin.Name);
        Assert.Equal(9, plugin.Priority);
        Assert.Equal("1.0.0", plugin.Version);
        Assert.Equal(typeof(FileLogConfig), plugin.ConfigType);
    }

    [Fact]
    public async Task Configure_WritablePath_CreatesFileAtStartup()
    {
        var path = _directory.File("a.log");

        await StartAsync(FileLogGateway.Config(path));

        Assert.True(File.Exists(path));
        Assert.Empty(_logger.Entries);
    }

    [Fact]
    public async Task Log_CustomFields_SetBeforeTheEntryIsWritten()
    {
        var path = _directory.File("a.log");
        var gateway = await StartAsync(FileLogGateway.Config(path, customFieldsJson: """
            {"env": "prod", "client.agent": "$(headers.user-agent)", "client.call": "$(method) $(path)"}
            """));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/r0/v1/messages");
        request.Headers.UserAgent.ParseAdd("claude-cli/2.0.37");

        using var response = await gateway.Gateway.Client.SendAsync(request);
        var entry = await gateway.Gateway.NextLogEntryAsync();
        await gateway.FlushAsync();

        // Set as serialize values, so plugins logging after file-log see them too.
        Assert.Equal("claude-cli/2.0.37", entry.GetProperty("client").GetProperty("agent").GetString());
        var line = Assert.Single(Lines.ReadJsonLines(path));
        Assert.Equal("prod", line.GetProperty("env").GetString());
        Assert.Equal("claude-cli/2.0.37", line.GetProperty("client").GetProperty("agent").GetString());
        Assert.Equal("POST /r0/v1/messages", line.GetProperty("client").GetProperty("call").GetString());
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(8)]
    public async Task Log_2000EntriesFrom64Tasks_ExactlyOneCompleteLineEach(int queueCapacity)
    {
        var path = _directory.File("a.log");
        // Blocking: a tiny queue on a busy machine may stay full past the drop bound, and this test counts lines.
        var gateway = await StartAsync(new FileLogWriterOptions { QueueCapacity = queueCapacity }, FileLogGateway.Config(path, onQueueFull: "block"));

        await Task.WhenAll(Enumerable.Range(0, 64).Select(task => Task.Run(async () =>
        {
            for (var n = task; n < 2000; n += 64)
            {
                await gateway.LogAsync(n, 1);
            }
        })));
        await gateway.DisposeAsync();

        var numbers = Numbers(path);
        Assert.Equal(2000, numbers.Count);
        Assert.Equal(Enumerable.Range(0, 2000), numbers.Order());
    }

    [Fact]
    public async Task Log_TwoInstancesSameFile_OneWriterNoLostLines()
    {
        var path = _directory.File("a.log");
        var gateway = await StartAsync(FileLogGateway.Config(path), FileLogGateway.Config(Path.Combine(_directory.Path, ".", "a.log")));

        await Task.WhenAll(
            Task.Run(() => gateway.LogAsync(0, 300, route: 0)),
            Task.Run(() => gateway.LogAsync(300, 300, route: 1)));
        await gateway.FlushAsync();

        Assert.Equal(Enumerable.Range(0, 600), Numbers(path).Order());
    }

    [Fact]
    public async Task Dispose_EntriesJustQueued_AllWrittenBeforeItReturns()
    {
        var path = _directory.File("a.log");
        var gateway = await StartAsync(FileLogGateway.Config(path));
        await gateway.LogAsync(0, 500);

        // Stopping the gateway disposes the plugin with the host's container.
        await gateway.DisposeAsync();

        Assert.Equal(Enumerable.Range(0, 500), Numbers(path));
    }

    [Fact]
    public async Task Log_ReopenTrueAfterMove_LaterEntriesGoToNewFile()
    {
        var path = _directory.File("a.log");
        var gateway = await StartAsync(FileLogGateway.Config(path, reopen: true));
        await gateway.LogAsync(0, 10);
        await gateway.FlushAsync();

        File.Move(path, path + ".1");
        await gateway.LogAsync(10, 10);
        await gateway.FlushAsync();

        Assert.Equal(Enumerable.Range(0, 10), Numbers(path + ".1"));
        Assert.Equal(Enumerable.Range(10, 10), Numbers(path));
    }

    [Fact]
    public async Task Log_ReopenFalseAfterMove_MovedFileKeepsReceiving()
    {
        var path = _directory.File("a.log");
        var gateway = await StartAsync(FileLogGateway.Config(path));
        await gateway.LogAsync(0, 10);
        await gateway.FlushAsync();

        File.Move(path, path + ".1");
        await gateway.LogAsync(10, 10);
        await gateway.FlushAsync();

        Assert.Equal(Enumerable.Range(0, 20), Numbers(path + ".1"));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Log_MissingDirectory_ErrorOncePerMinuteWithLossCountThenRecovers()
    {
        var directory = Path.Combine(_directory.Path, "not-yet");
        var path = Path.Combine(directory, "a.log");

        var gateway = await StartAsync(FileLogGateway.Config(path));
        var startup = Assert.Single(_logger.At(LogLevel.Error));
        Assert.Contains(path, startup, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", startup, StringComparison.Ordinal);
        Assert.Contains(" 0 log entries lost", startup, StringComparison.Ordinal);

        await gateway.LogAsync(0, 3);
        await gateway.FlushAsync();
        _time.Advance(TimeSpan.FromSeconds(59));
        await gateway.LogAsync(3, 2);
        await gateway.FlushAsync();
        Assert.Single(_logger.At(LogLevel.Error));

        _time.Advance(TimeSpan.FromSeconds(1));
        await gateway.LogAsync(5, 1);
        await gateway.FlushAsync();
        var errors = _logger.At(LogLevel.Error);
        Assert.Equal(2, errors.Count);
        Assert.Contains(" 6 log entries lost", errors[1], StringComparison.Ordinal);

        Directory.CreateDirectory(directory);
        await gateway.LogAsync(6, 2);
        await gateway.FlushAsync();

        Assert.Equal([6, 7], Numbers(path));
        var recovered = Assert.Single(_logger.At(LogLevel.Warning));
        Assert.Contains($"writes to {path} again; 0 more", recovered, StringComparison.Ordinal);
        Assert.Equal(2, _logger.At(LogLevel.Error).Count);
    }

    [Fact]
    public async Task Log_LossesHeldBackByRateLimit_ReportedAtShutdown()
    {
        var path = Path.Combine(_directory.Path, "never", "a.log");
        var gateway = await StartAsync(FileLogGateway.Config(path));
        await gateway.LogAsync(0, 4);
        await gateway.FlushAsync();

        await gateway.DisposeAsync();

        var errors = _logger.At(LogLevel.Error);
        Assert.Equal(2, errors.Count);
        Assert.Contains(" 4 log entries lost", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configure_AfterDispose_Throws()
    {
        var plugin = new FileLogPlugin(_logger, _time, new FileLogWriterOptions());
        await plugin.DisposeAsync();
        var config = Gateway.Plugins.Testing.PluginConfig.Bind<FileLogConfig>(FileLogGateway.Config(_directory.File("a.log")));

        await Assert.ThrowsAsync<ObjectDisposedException>(async () =>
            await plugin.ConfigureAsync([new PluginInstance("id-0", config, "global")], CancellationToken.None));
    }

    [Fact]
    public async Task Log_RelativePath_ResolvedAgainstWorkingDirectory()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, _directory.File("rel.log"));
        var gateway = await StartAsync(FileLogGateway.Config(relative));

        await gateway.LogAsync(0, 1);
        await gateway.FlushAsync();

        Assert.Equal([0], Numbers(_directory.File("rel.log")));
    }
}
