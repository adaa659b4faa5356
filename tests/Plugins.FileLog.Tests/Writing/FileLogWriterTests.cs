using Gateway.Plugins.FileLog.Tests.Support;
using Gateway.Plugins.FileLog.Writing;
using Microsoft.Extensions.Logging;

namespace Gateway.Plugins.FileLog.Tests.Writing;

public sealed class FileLogWriterTests
{
    private readonly ListLogger _logger = new();
    private readonly GatedAppendFile _file = new();

    private readonly ManualTimeProvider _time = new();

    private FileLogWriter Start(int capacity, int maxBatch = 1, bool block = false, IAppendFile? file = null) => FileLogWriter.Start(
        "/virtual/a.log",
        reopen: false,
        block,
        new FileLogWriterOptions
        {
            QueueCapacity = capacity,
            MaxBatchEntries = maxBatch,
            FullQueueWait = TimeSpan.FromMilliseconds(50),
            Open = _ => file ?? _file,
        },
        _logger,
        _time);

    private static long Count(IEnumerable<string> messages, string pattern) =>
        messages.Select(m => System.Text.RegularExpressions.Regex.Match(m, pattern))
            .Where(m => m.Success)
            .Sum(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Enqueue_QueueFullWithBlock_WaitsInsteadOfDropping()
    {
        await using var writer = Start(capacity: 2, block: true);
        await writer.EnqueueAsync(Lines.Of("1"));
        await _file.Entered.WaitAsync(TimeSpan.FromSeconds(10)); // the loop holds "1" inside a blocked write

        await writer.EnqueueAsync(Lines.Of("2"));
        await writer.EnqueueAsync(Lines.Of("3"));
        var fourth = writer.EnqueueAsync(Lines.Of("4")).AsTask();
        await Task.Delay(200);

        Assert.False(fourth.IsCompleted, "a full queue must make the caller wait");
        _file.Open();
        await fourth.WaitAsync(TimeSpan.FromSeconds(10));
        await writer.FlushAsync();
        Assert.Equal(["1", "2", "3", "4"], _file.Lines);
    }

    [Fact]
    public async Task Dispose_LinesStillQueued_WritesAllBeforeReturning()
    {
        var writer = Start(capacity: 100, maxBatch: 7);
        for (var i = 0; i < 50; i++)
        {
            await writer.EnqueueAsync(Lines.Of(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        await _file.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        var disposing = writer.DisposeAsync().AsTask();
        await Task.Delay(100);
        Assert.False(disposing.IsCompleted, "dispose must wait for the queued lines");

        _file.Open();
        await disposing.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), _file.Lines);
    }

    [Fact]
    public async Task Enqueue_AfterDispose_ReportsLostEntry()
    {
        _file.Open();
        var writer = Start(capacity: 4);
        await writer.DisposeAsync();

        await writer.EnqueueAsync(Lines.Of("late"));

        var error = Assert.Single(_logger.At(LogLevel.Error));
        Assert.Contains("/virtual/a.log", error, StringComparison.Ordinal);
        Assert.Contains("shut down", error, StringComparison.Ordinal);
        Assert.Empty(_file.Lines);
    }

    [Fact]
    public async Task Flush_AfterDispose_ReturnsWithoutHanging()
    {
        _file.Open();
        var writer = Start(capacity: 4);
        await writer.DisposeAsync();

        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Enqueue_SinkStuckWithDrop_ReturnsPromptlyAndCountsEveryDroppedEntry()
    {
        var writer = Start(capacity: 2);
        await writer.EnqueueAsync(Lines.Of("1"));
        await _file.Entered.WaitAsync(TimeSpan.FromSeconds(10)); // the loop holds "1" inside a blocked write
        await writer.EnqueueAsync(Lines.Of("2"));
        await writer.EnqueueAsync(Lines.Of("3"));

        // Bounded so that the old code, which waited for room, fails instead of hanging the run.
        await Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                await writer.EnqueueAsync(Lines.Of($"dropped {i}"));
            }
        }).WaitAsync(TimeSpan.FromSeconds(30));
        var warning = Assert.Single(_logger.At(LogLevel.Warning));
        Assert.Contains("file-log dropped 1 log entries for /virtual/a.log", warning, StringComparison.Ordinal);

        _file.Open();
        await writer.FlushAsync();
        await writer.EnqueueAsync(Lines.Of("after"));
        await writer.DisposeAsync();

        Assert.Equal(["1", "2", "3", "after"], _file.Lines);
        Assert.Equal(100, Count(_logger.At(LogLevel.Warning), @"(\d+) (?:more )?log entries (?:for|were dropped)"));
        Assert.Contains(_logger.At(LogLevel.Warning), m => m.Contains("takes entries again; 99 more", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Write_TornLineThatCannotBeCutOff_NextEntryStartsOnAFreshLineAndTheTornOneCounts()
    {
        var file = new ScriptedAppendFile { TearEntry = 1 };
        var writer = Start(capacity: 16, maxBatch: 16, file: file);
        await writer.EnqueueAsync(Lines.Of("""{"n":1}"""));
        await writer.EnqueueAsync(Lines.Of("""{"n":2}"""));
        await writer.EnqueueAsync(Lines.Of("""{"n":3}"""));
        await writer.FlushAsync();
        await writer.EnqueueAsync(Lines.Of("""{"n":4}"""));
        await writer.DisposeAsync();

        // The fragment of entry 2 ends with the line break the next write began with, instead of fusing with it.
        Assert.EndsWith("\n{\"n\"\n{\"n\":4}\n", file.Text, StringComparison.Ordinal);
        var readable = file.Text.Split('\n').Count(IsJson);
        var lost = Count(_logger.At(LogLevel.Error).Concat(_logger.At(LogLevel.Warning)), @"(\d+) (?:more )?log entries (?:lost|were lost)");
        Assert.Equal(4, readable + lost);
        Assert.InRange(lost, 1, 2); // entry 2, and entry 3 when it was in the same batch
    }

    [Fact]
    public async Task Write_ManyBatchesWithinTheCheckInterval_LooksForDeletionOnceThenAgainAfterIt()
    {
        var file = new DeletableAppendFile();
        var writer = Start(capacity: 64, maxBatch: 1, file: file);
        for (var i = 0; i < 10; i++)
        {
            await writer.EnqueueAsync(Lines.Of(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        await writer.FlushAsync();
        Assert.Equal(10, file.Appends); // ten batches of one line
        Assert.Equal(1, file.Checks);

        file.Deleted = true;
        _time.Advance(TimeSpan.FromMilliseconds(999));
        await writer.EnqueueAsync(Lines.Of("a"));
        await writer.FlushAsync();
        Assert.Equal(1, file.Checks);
        Assert.Empty(_logger.At(LogLevel.Warning));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await writer.EnqueueAsync(Lines.Of("b"));
        await writer.FlushAsync();
        Assert.Equal(2, file.Checks);
        Assert.Contains("deleted", Assert.Single(_logger.At(LogLevel.Warning)), StringComparison.Ordinal);

        // Said once: no further look once it was reported.
        _time.Advance(TimeSpan.FromSeconds(5));
        await writer.EnqueueAsync(Lines.Of("c"));
        await writer.DisposeAsync();
        Assert.Equal(2, file.Checks);
        Assert.Single(_logger.At(LogLevel.Warning));
        Assert.Equal(13, file.Appends);
    }

    [Fact]
    public async Task Write_ClockSetBack_StillLooksForDeletion()
    {
        var file = new DeletableAppendFile();
        var writer = Start(capacity: 8, file: file);
        await writer.EnqueueAsync(Lines.Of("1"));
        await writer.FlushAsync();

        file.Deleted = true;
        _time.Advance(TimeSpan.FromHours(-1));
        await writer.EnqueueAsync(Lines.Of("2"));
        await writer.DisposeAsync();

        Assert.Equal(2, file.Checks);
        Assert.Single(_logger.At(LogLevel.Warning));
    }

    private static bool IsJson(string line)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(line);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
