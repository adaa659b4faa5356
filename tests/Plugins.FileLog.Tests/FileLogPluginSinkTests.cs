using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Plugins.FileLog.Tests.Support;
using Gateway.Plugins.FileLog.Writing;
using Microsoft.Extensions.Logging;

namespace Gateway.Plugins.FileLog.Tests;

/// <summary>Sinks that fail or stop: a full disk, a deleted file, a FIFO without a reader or whose reader stops.
/// The file must hold whole JSON lines only, every lost entry must be counted exactly, and the log phase must
/// never wait on the sink for long. Entries come from requests through the real gateway.</summary>
public sealed partial class FileLogPluginSinkTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

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

    private async Task<FileLogGateway> StartAsync(string path) =>
        _gateway = await FileLogGateway.StartAsync(_logger, _time, new FileLogWriterOptions(), FileLogGateway.Config(path));

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
        var gateway = await StartAsync(disk.File("a.log"));

        // ~700-byte entries (the gateway's own fields add to the padding): the disk runs out in the middle of one.
        await gateway.LogAsync(0, 60, padding: 660);
        await gateway.FlushAsync();
        File.Delete(disk.File("filler"));
        await gateway.LogAsync(60, 10, padding: 660);
        await gateway.FlushAsync();

        var numbers = Numbers(File.ReadAllText(disk.File("a.log")));
        Assert.True(Reported("lost") > 0, "the disk never filled up, so the test proves nothing");
        Assert.Equal(70, numbers.Count + Reported("lost"));
        Assert.Equal(Enumerable.Range(60, 10), numbers.Where(n => n >= 60));
    }

    [Fact]
    public async Task Log_FileDeletedWithReopenFalse_WarnsOnceNamingThePath()
    {
        var path = _directory.File("a.log");
        var gateway = await StartAsync(path);
        await gateway.LogAsync(0, 1);
        await gateway.FlushAsync();

        File.Delete(path);
        for (var n = 1; n <= 4; n++)
        {
            // The writer looks for deletion at most once a second (FileLogWriterOptions.DeletedCheckInterval).
            _time.Advance(TimeSpan.FromSeconds(1));
            await gateway.LogAsync(n, 1);
            await gateway.FlushAsync();
        }

        var warning = Assert.Single(_logger.At(LogLevel.Warning));
        Assert.Contains(path, warning, StringComparison.Ordinal);
        Assert.Contains("deleted", warning, StringComparison.Ordinal);
        Assert.Contains("reopen: true", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_FileDeletedWithReopenFalse_WarnsAtTheFirstBatchASecondAfterTheLastLook()
    {
        var path = _directory.File("a.log");
        var gateway = await StartAsync(path);
        await gateway.LogAsync(0, 1);
        await gateway.FlushAsync();

        File.Delete(path);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await gateway.LogAsync(1, 1);
        await gateway.FlushAsync();
        Assert.Empty(_logger.At(LogLevel.Warning));

        _time.Advance(TimeSpan.FromMilliseconds(500));
        await gateway.LogAsync(2, 1);
        await gateway.FlushAsync();
        Assert.Contains(path, Assert.Single(_logger.At(LogLevel.Warning)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configure_FifoWithoutReader_ReportsAtOnceAndWritesOnceAReaderComes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var fifo = Fifo.Create(_directory.File("log.fifo"));
        // Bounded: open(2) without O_NONBLOCK waits for a reader forever; the configure phase runs at startup.
        var gateway = await Task.Run(() => StartAsync(fifo.Path)).WaitAsync(Bound);
        var error = Assert.Single(_logger.At(LogLevel.Error));
        Assert.Contains(fifo.Path, error, StringComparison.Ordinal);
        Assert.Contains("a FIFO that no process has open for reading", error, StringComparison.Ordinal);
        await gateway.LogAsync(0, 1);
        await gateway.FlushAsync().WaitAsync(Bound);

        fifo.OpenReader();
        await gateway.LogAsync(1, 1);
        await gateway.FlushAsync().WaitAsync(Bound);
        await gateway.DisposeAsync();

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
        var gateway = await StartAsync(fifo.Path);
        fifo.ReadThenStop(lines: 5);

        // 3,000 ~1 KB entries: far more than the pipe (64 KB) and the queue (1,024) hold together.
        await Task.Run(() => gateway.LogAsync(0, 3000, padding: 1000)).WaitAsync(Bound);
        Assert.Contains(_logger.At(LogLevel.Warning), m => m.Contains($"log entries for {fifo.Path}", StringComparison.Ordinal));

        fifo.Read();
        await gateway.LogAsync(3000, 1);
        await gateway.DisposeAsync().AsTask().WaitAsync(Bound);

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
        var gateway = await StartAsync(fifo.Path);
        await gateway.LogAsync(0, 300, padding: 1000);

        await gateway.DisposeAsync().AsTask().WaitAsync(Bound);

        Assert.Contains(_logger.At(LogLevel.Error), m => m.Contains($"gave up waiting for {fifo.Path}", StringComparison.Ordinal));
        var numbers = Numbers(fifo.ReadToEnd(Bound));
        Assert.Equal(300, numbers.Count + Reported("lost"));
    }

    [GeneratedRegex(@"(?<n>\d+) (?:log entries lost|more log entries were lost)")]
    private static partial Regex LostCount();

    [GeneratedRegex(@"(?:dropped (?<n>\d+) log entries for|(?<n>\d+) more log entries were dropped)")]
    private static partial Regex DroppedCount();
}
