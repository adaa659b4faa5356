using Gateway.Plugins.FileLog.Tests.Support;
using Gateway.Plugins.FileLog.Writing;
using Microsoft.Extensions.Logging;

namespace Gateway.Plugins.FileLog.Tests.Writing;

public sealed class FileLogWriterTests
{
    private readonly ListLogger _logger = new();
    private readonly GatedAppendFile _file = new();

    private FileLogWriter Start(int capacity, int maxBatch = 1) => FileLogWriter.Start(
        "/virtual/a.log",
        reopen: false,
        new FileLogWriterOptions { QueueCapacity = capacity, MaxBatchEntries = maxBatch, Open = _ => _file },
        _logger,
        TimeProvider.System);

    [Fact]
    public async Task Enqueue_QueueFull_WaitsInsteadOfDropping()
    {
        await using var writer = Start(capacity: 2);
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
}
