using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Plugins.FileLog.Configuration;
using Gateway.Plugins.FileLog.Tests.Support;
using Gateway.Plugins.FileLog.Writing;
using Gateway.TestCommon;
using Microsoft.Extensions.Logging;

namespace Gateway.Plugins.FileLog.Tests;

/// <summary>Sinks that fail or stop: a full disk, a deleted file, a FIFO without a reader or whose reader stops.
/// The file must hold whole JSON lines only, every lost entry must be counted exactly, and the log phase must
/// never wait on the sink for long.</summary>
public sealed partial class FileLogPluginSinkTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _directory = new();
    private readonly ListLogger _logger = new();
    private readonly ManualTimeProvider _time = new();
    private FileLogPlugin _plugin;

    public FileLogPluginSinkTests() => _plugin = new FileLogPlugin(_logger, _time, new FileLogWriterOptions());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _plugin.DisposeAsync();
        _directory.Dispose();
    }

    private PluginInstance? _instance;

    private async Task ConfigureAsync(FileLogConfig config)
    {
        _instance = new PluginInstance("id-0", config, "global");
        await _plugin.ConfigureAsync([_instance], CancellationToken.None);
    }

    private async Task LogAsync(FileLogConfig config, int from, int count, int padding = 0)
    {
        for (var n = from; n < from + count; n++)
        {
            // The instance the configure phase prepared, as the host would pass it.
            var context = new FakePluginContext(_instance is { } instance && ReferenceEquals(instance.Config, config) ? instance : throw new InvalidOperationException("configure first"));
            context.SerializeValues["n"] = n;
            if (padding > 0)
            {
                context.SerializeValues["pad"] = new string('x', padding);
            }

            await _plugin.LogAsync(context);
        }
    }

    /// <summary>The sum of the entry counts in the plugin's loss (or drop) reports.</summary>
    private long Reported(string kind) =>
        _logger.Entries.Select(e => e.Message).Sum(message => (kind == "lost" ? LostCount() : DroppedCount()).Matches(message)
            .Sum(m => long.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture)));

    private static List<int> Numbers(string text)
    {
        Assert.True(text.Length == 0 || text[^1] == '\n', "the log ends in the middle of a line");
        var numbers = new List<int>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var entry = JsonDocument.Parse(line); // throws on a torn or fused line
            numbers.Add(entry.RootElement.GetProperty("n").GetInt32());
        }

        Assert.Equal(text.Count(c => c == '\n'), numbers.Count);
        return numbers;
    }

    [Fact]
    public async Task Log_DiskFullThenSpaceFreed_OnlyWholeLinesAndEveryLostEntryCounted()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var disk = SmallTmpfs.Mount(kilobytes: 64);
        File.WriteAllBytes(disk.File("filler"), new byte[40 * 1024]);
        var config = ConfigBinder.Valid(disk.File("a.log"));
        await ConfigureAsync(config);

        // ~700-byte entries: the disk runs out in the middle of one, since pages are 4 KB.
        await LogAsync(config, 0, 60, padding: 660);
        await _plugin.FlushAsync();
        File.Delete(disk.File("filler"));
        await LogAsync(config, 60, 10, padding: 660);
        await _plugin.FlushAsync();

        var numbers = Numbers(File.ReadAllText(disk.File("a.log")));
        Assert.True(Reported("lost") > 0, "the disk never filled up, so the test proves nothing");
        Assert.Equal(70, numbers.Count + Reported("lost"));
        Assert.Equal(Enumerable.Range(60, 10), numbers.Where(n => n >= 60));
    }

    [Fact]
    public async Task Log_FileDeletedWithReopenFalse_WarnsOnceNamingThePath()
    {
        var path = _directory.File("a.log");
        var config = ConfigBinder.Valid(path);
        await ConfigureAsync(config);
        await LogAsync(config, 0, 1);
        await _plugin.FlushAsync();

        File.Delete(path);
        for (var n = 1; n <= 4; n++)
        {
            await LogAsync(config, n, 1);
            await _plugin.FlushAsync();
        }

        var warning = Assert.Single(_logger.At(LogLevel.Warning));
        Assert.Contains(path, warning, StringComparison.Ordinal);
        Assert.Contains("deleted", warning, StringComparison.Ordinal);
        Assert.Contains("reopen: true", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configure_FifoWithoutReader_ReportsAtOnceAndWritesOnceAReaderComes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var fifo = Fifo.Create(_directory.File("log.fifo"));
        var config = ConfigBinder.Valid(fifo.Path);

        // Bounded: open(2) without O_NONBLOCK waits for a reader forever.
        await Task.Run(() => ConfigureAsync(config)).WaitAsync(Bound);
        var error = Assert.Single(_logger.At(LogLevel.Error));
        Assert.Contains(fifo.Path, error, StringComparison.Ordinal);
        Assert.Contains("a FIFO that no process has open for reading", error, StringComparison.Ordinal);
        await LogAsync(config, 0, 1);
        await _plugin.FlushAsync().WaitAsync(Bound);

        fifo.OpenReader();
        await LogAsync(config, 1, 1);
        await _plugin.FlushAsync().WaitAsync(Bound);
        await _plugin.DisposeAsync();

        Assert.Equal([1], Numbers(fifo.ReadToEnd(Bound)));
        Assert.Equal(1, Reported("lost"));
    }

    [Fact]
    public async Task Log_FifoReaderStopsReading_LogPhaseDoesNotWaitAndEveryDropIsCounted()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var fifo = Fifo.Create(_directory.File("log.fifo"));
        fifo.OpenReader();
        var config = ConfigBinder.Valid(fifo.Path);
        await ConfigureAsync(config);
        fifo.ReadThenStop(lines: 5);

        // 3,000 ~1 KB entries: far more than the pipe (64 KB) and the queue (1,024) hold together.
        await Task.Run(() => LogAsync(config, 0, 3000, padding: 1000)).WaitAsync(Bound);
        Assert.Contains(_logger.At(LogLevel.Warning), m => m.Contains($"log entries for {fifo.Path}", StringComparison.Ordinal));

        fifo.Read();
        await LogAsync(config, 3000, 1);
        await _plugin.DisposeAsync().AsTask().WaitAsync(Bound);

        var numbers = Numbers(fifo.ReadToEnd(Bound));
        Assert.True(Reported("dropped") > 0);
        Assert.Equal(3001, numbers.Count + Reported("dropped"));
        Assert.Equal(numbers.Distinct(), numbers);
    }

    [Fact]
    public async Task Dispose_FifoReaderNeverReadsAgain_GivesUpAndCountsWhatWasNotWritten()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var fifo = Fifo.Create(_directory.File("log.fifo"));
        fifo.OpenReader();
        var config = ConfigBinder.Valid(fifo.Path);
        await ConfigureAsync(config);
        await LogAsync(config, 0, 300, padding: 1000);

        await _plugin.DisposeAsync().AsTask().WaitAsync(Bound);

        Assert.Contains(_logger.At(LogLevel.Error), m => m.Contains($"gave up waiting for {fifo.Path}", StringComparison.Ordinal));
        var numbers = Numbers(fifo.ReadToEnd(Bound));
        Assert.Equal(300, numbers.Count + Reported("lost"));
    }

    [GeneratedRegex(@"(?<n>\d+) (?:log entries lost|more log entries were lost)")]
    private static partial Regex LostCount();

    [GeneratedRegex(@"(?:dropped (?<n>\d+) log entries for|(?<n>\d+) more log entries were dropped)")]
    private static partial Regex DroppedCount();
}
