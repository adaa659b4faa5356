using System.Threading.Channels;
using Gateway.Plugins.FileLog.Serialization;
using Microsoft.Extensions.Logging;

namespace Gateway.Plugins.FileLog.Writing;

/// <summary>
/// The single background writer of one file: requests queue finished lines, one loop drains them in batches and
/// appends each batch with one write call. One writer per file is what makes lines whole: nothing else in the
/// process writes to that file, and each batch is a sequence of complete lines.
/// </summary>
internal sealed class FileLogWriter : IAsyncDisposable
{
    private readonly Channel<QueueItem> _queue;
    private readonly FileLogWriterOptions _options;
    private readonly ILogger _logger;
    private readonly WriteFailureReporter _failures;
    private readonly List<LogLine> _lines = [];
    private readonly List<ReadOnlyMemory<byte>> _segments = [];
    private IAppendFile? _file;
    private Task _loop = Task.CompletedTask;
    private volatile bool _reopen;

    private FileLogWriter(string path, bool reopen, FileLogWriterOptions options, ILogger logger, TimeProvider timeProvider)
    {
        Path = path;
        _reopen = reopen;
        _options = options;
        _logger = logger;
        _failures = new WriteFailureReporter(path, logger, timeProvider, options.ErrorInterval);
        _queue = Channel.CreateBounded<QueueItem>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    /// <summary>The absolute file path.</summary>
    public string Path { get; }

    /// <summary>Opens the file once to report a bad path at startup rather than at the first request, then
    /// starts the loop.</summary>
    public static FileLogWriter Start(
        string path, bool reopen, FileLogWriterOptions options, ILogger logger, TimeProvider timeProvider)
    {
        var writer = new FileLogWriter(path, reopen, options, logger, timeProvider);
        writer.OpenForProbe();
        writer._loop = Task.Run(writer.RunAsync);
        return writer;
    }

    /// <summary>Follows rotation from now on: one instance with <c>reopen: true</c> decides for the file.</summary>
    public void EnableReopen() => _reopen = true;

    /// <summary>Queues a line, waiting while the queue is full. Takes ownership of <paramref name="line"/>.</summary>
    public ValueTask EnqueueAsync(LogLine line) =>
        _queue.Writer.TryWrite(new QueueItem(line, null)) ? ValueTask.CompletedTask : EnqueueSlowAsync(line);

    /// <summary>Completes once every line queued before the call has been written (or counted as lost).</summary>
    public async Task FlushAsync()
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _queue.Writer.WriteAsync(new QueueItem(default, flushed));
        }
        catch (ChannelClosedException)
        {
            await _loop;
            return;
        }

        await flushed.Task;
    }

    /// <summary>Stops accepting lines and returns once every queued line is written.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async ValueTask EnqueueSlowAsync(LogLine line)
    {
        try
        {
            // No cancellation: the response is already sent, and a client that went away is still logged.
            await _queue.Writer.WriteAsync(new QueueItem(line, null));
        }
        catch (ChannelClosedException)
        {
            line.Return();
            FileLogLog.EntryAfterShutdown(_logger, Path);
        }
    }

    private void OpenForProbe()
    {
        try
        {
            _file = _options.Open(Path);
        }
        catch (Exception ex)
        {
            _failures.Failed(ex, lostEntries: 0);
            return;
        }

        if (_reopen)
        {
            CloseFile();
        }
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (_lines.Count < _options.MaxBatchEntries && reader.TryRead(out var item))
            {
                if (item.Flushed is { } flushed)
                {
                    WriteBatch();
                    flushed.TrySetResult();
                    continue;
                }

                _lines.Add(item.Line);
                _segments.Add(item.Line.Memory);
            }

            WriteBatch();
        }

        CloseFile();
        _failures.ReportPending();
    }

    private void WriteBatch()
    {
        if (_lines.Count == 0)
        {
            return;
        }

        try
        {
            _file ??= _options.Open(Path);
            _file.Append(_segments);
            _failures.Succeeded();
        }
        catch (Exception ex)
        {
            // Counted whole even if part of the batch reached the file: an overcount, never a silent loss.
            CloseFile();
            _failures.Failed(ex, _lines.Count);
        }
        finally
        {
            foreach (var line in _lines)
            {
                line.Return();
            }

            _lines.Clear();
            _segments.Clear();
            if (_reopen)
            {
                // Reopening per batch (not per entry, as Kong does) follows a rename within one batch and costs
                // one open per batch; a busy gateway writes big batches, an idle one opens rarely.
                CloseFile();
            }
        }
    }

    private void CloseFile()
    {
        _file?.Dispose();
        _file = null;
    }
}
