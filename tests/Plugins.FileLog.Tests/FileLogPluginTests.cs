using Gateway.Plugins.FileLog.Configuration;
using Gateway.Plugins.FileLog.Tests.Support;
using Gateway.Plugins.FileLog.Writing;
using Gateway.TestCommon;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Plugins.FileLog.Tests;

public sealed class FileLogPluginTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly ListLogger _logger = new();
    private readonly ManualTimeProvider _time = new();
    private FileLogPlugin _plugin;

    public FileLogPluginTests() => _plugin = NewPlugin(new FileLogWriterOptions());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _plugin.DisposeAsync();
        _directory.Dispose();
    }

    private FileLogPlugin NewPlugin(FileLogWriterOptions options) => new(_logger, _time, options);

    // The configured instances by config: requests carry the instance the configure phase prepared, as in the host.
    private readonly Dictionary<FileLogConfig, PluginInstance> _instances = new(ReferenceEqualityComparer.Instance);

    private async Task ConfigureAsync(params FileLogConfig[] configs)
    {
        PluginInstance[] instances = [.. configs.Select((c, i) => new PluginInstance($"id-{i}", c, "global"))];
        await _plugin.ConfigureAsync(instances, CancellationToken.None);
        foreach (var instance in instances)
        {
            _instances[(FileLogConfig)instance.Config] = instance;
        }
    }

    private FakePluginContext Entry(FileLogConfig config, int n, HttpContext? http = null)
    {
        var context = new FakePluginContext(_instances[config], http);
        context.SerializeValues["n"] = n;
        return context;
    }

    private async Task LogAsync(FileLogConfig config, int from, int count)
    {
        for (var n = from; n < from + count; n++)
        {
            await _plugin.LogAsync(Entry(config, n));
        }

        await _plugin.FlushAsync();
    }

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

        await ConfigureAsync(ConfigBinder.Valid(path));

        Assert.True(File.Exists(path));
        Assert.Empty(_logger.Entries);
    }

    [Fact]
    public async Task Log_CustomFields_SetBeforeTheEntryIsWritten()
    {
        var path = _directory.File("a.log");
        var config = ConfigBinder.Valid(path, customFieldsJson: """
            {"env": "prod", "client.agent": "$(headers.user-agent)", "client.call": "$(method) $(path)"}
            """);
        await ConfigureAsync(config);
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Path = "/v1/messages";
        http.Request.Headers.UserAgent = "claude-cli/2.0.37";
        var context = Entry(config, 1, http);

        await _plugin.LogAsync(context);
        await _plugin.FlushAsync();

        Assert.Equal("claude-cli/2.0.37", context.SerializeValues["client.agent"]);
        var line = Assert.Single(Lines.ReadJsonLines(path));
        Assert.Equal("prod", line.GetProperty("env").GetString());
        Assert.Equal("claude-cli/2.0.37", line.GetProperty("client").GetProperty("agent").GetString());
        Assert.Equal("POST /v1/messages", line.GetProperty("client").GetProperty("call").GetString());
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(8)]
    public async Task Log_2000EntriesFrom64Tasks_ExactlyOneCompleteLineEach(int queueCapacity)
    {
        _plugin = NewPlugin(new FileLogWriterOptions { QueueCapacity = queueCapacity });
        var path = _directory.File("a.log");

        // Blocking: a tiny queue on a busy machine may stay full past the drop bound, and this test counts lines.
        var config = ConfigBinder.Valid(path, onQueueFull: "block");
        await ConfigureAsync(config);

        await Task.WhenAll(Enumerable.Range(0, 64).Select(task => Task.Run(async () =>
        {
            for (var n = task; n < 2000; n += 64)
            {
                await _plugin.LogAsync(Entry(config, n));
            }
        })));
        await _plugin.DisposeAsync();

        var numbers = Numbers(path);
        Assert.Equal(2000, numbers.Count);
        Assert.Equal(Enumerable.Range(0, 2000), numbers.Order());
    }

    [Fact]
    public async Task Log_TwoInstancesSameFile_OneWriterNoLostLines()
    {
        var path = _directory.File("a.log");
        var routeConfig = ConfigBinder.Valid(path);
        var serviceConfig = ConfigBinder.Valid(Path.Combine(_directory.Path, ".", "a.log"));
        await ConfigureAsync(routeConfig, serviceConfig);

        await Task.WhenAll(
            Task.Run(() => LogAsync(routeConfig, 0, 300)),
            Task.Run(() => LogAsync(serviceConfig, 300, 300)));

        Assert.Equal(Enumerable.Range(0, 600), Numbers(path).Order());
    }

    [Fact]
    public async Task Log_InstanceTheConfigurePhaseDidNotPrepare_ThrowsSayingSo()
    {
        var context = new FakePluginContext(ConfigBinder.Valid(_directory.File("a.log")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _plugin.LogAsync(context).AsTask());

        Assert.Contains("has no prepared value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_EntriesJustQueued_AllWrittenBeforeItReturns()
    {
        var path = _directory.File("a.log");
        var config = ConfigBinder.Valid(path);
        await ConfigureAsync(config);
        for (var n = 0; n < 500; n++)
        {
            await _plugin.LogAsync(Entry(config, n));
        }

        await _plugin.DisposeAsync();

        Assert.Equal(Enumerable.Range(0, 500), Numbers(path));
    }

    [Fact]
    public async Task Log_ReopenTrueAfterMove_LaterEntriesGoToNewFile()
    {
        var path = _directory.File("a.log");
        var config = ConfigBinder.Valid(path, reopen: true);
        await ConfigureAsync(config);
        await LogAsync(config, 0, 10);

        File.Move(path, path + ".1");
        await LogAsync(config, 10, 10);

        Assert.Equal(Enumerable.Range(0, 10), Numbers(path + ".1"));
        Assert.Equal(Enumerable.Range(10, 10), Numbers(path));
    }

    [Fact]
    public async Task Log_ReopenFalseAfterMove_MovedFileKeepsReceiving()
    {
        var path = _directory.File("a.log");
        var config = ConfigBinder.Valid(path);
        await ConfigureAsync(config);
        await LogAsync(config, 0, 10);

        File.Move(path, path + ".1");
        await LogAsync(config, 10, 10);

        Assert.Equal(Enumerable.Range(0, 20), Numbers(path + ".1"));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Log_MissingDirectory_ErrorOncePerMinuteWithLossCountThenRecovers()
    {
        var directory = Path.Combine(_directory.Path, "not-yet");
        var path = Path.Combine(directory, "a.log");
        var config = ConfigBinder.Valid(path);

        await ConfigureAsync(config);
        var startup = Assert.Single(_logger.At(LogLevel.Error));
        Assert.Contains(path, startup, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", startup, StringComparison.Ordinal);
        Assert.Contains(" 0 log entries lost", startup, StringComparison.Ordinal);

        await LogAsync(config, 0, 3);
        _time.Advance(TimeSpan.FromSeconds(59));
        await LogAsync(config, 3, 2);
        Assert.Single(_logger.At(LogLevel.Error));

        _time.Advance(TimeSpan.FromSeconds(1));
        await LogAsync(config, 5, 1);
        var errors = _logger.At(LogLevel.Error);
        Assert.Equal(2, errors.Count);
        Assert.Contains(" 6 log entries lost", errors[1], StringComparison.Ordinal);

        Directory.CreateDirectory(directory);
        await LogAsync(config, 6, 2);

        Assert.Equal([6, 7], Numbers(path));
        var recovered = Assert.Single(_logger.At(LogLevel.Warning));
        Assert.Contains($"writes to {path} again; 0 more", recovered, StringComparison.Ordinal);
        Assert.Equal(2, _logger.At(LogLevel.Error).Count);
    }

    [Fact]
    public async Task Log_LossesHeldBackByRateLimit_ReportedAtShutdown()
    {
        var path = Path.Combine(_directory.Path, "never", "a.log");
        var config = ConfigBinder.Valid(path);
        await ConfigureAsync(config);
        await LogAsync(config, 0, 4);

        await _plugin.DisposeAsync();

        var errors = _logger.At(LogLevel.Error);
        Assert.Equal(2, errors.Count);
        Assert.Contains(" 4 log entries lost", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configure_AfterDispose_Throws()
    {
        await _plugin.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() =>
            ConfigureAsync(ConfigBinder.Valid(_directory.File("a.log"))));
    }

    [Fact]
    public async Task Log_RelativePath_ResolvedAgainstWorkingDirectory()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, _directory.File("rel.log"));
        var config = ConfigBinder.Valid(relative);

        await ConfigureAsync(config);
        await LogAsync(config, 0, 1);

        Assert.Equal([0], Numbers(_directory.File("rel.log")));
    }
}
