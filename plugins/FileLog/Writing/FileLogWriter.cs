using System.Threading.Channels;
using Gateway.Plugins.FileLog.Serialization;
using Microsoft.Extensions.Logging;

namespace Gateway.Plugins.FileLog.Writing;

/// <summary>
/// The single background writer of one file: requests queue finished lines, one loop drains them in batches and
/// appends each batch with one write call. One writer per file is what makes lines whole: nothing else in the
/// process writes to that file, each batch is a sequence of complete lines, and a write that fails part-way is
/// cut back to (or closed after) the last whole line.
/// </summary>
internal sealed class FileLogWriter : IAsyncDisposable
{
    private static readonly ReadOnlyMemory<byte> LineBreak = "\n"u8.ToArray();

    private readonly Channel<QueueItem> _queue;
    private readonly FileLogWriterOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly WriteFailureReporter _failures;
    private readonly QueueOverflowReporter _overflow;
    private readonly CancellationTokenSource _giveUp = new();
    private readonly List<LogLine> _lines = [];
    private readonly List<ReadOnlyMemory<byte>> _segments = [];
    private IAppendFile? _file;
    private Task _loop = Task.CompletedTask;
    private volatile bool _reopen;
    private volatile bool _block;
    private volatile bool _dropping;

    // A torn line could not be cut off: the next write starts with a line break so it cannot fuse with it.
    private bool _freshLine;
    private bool _deletedReported;
    private DateTimeOffset? _deletedCheckedAt;

    private FileLogWriter(string path, bool reopen, bool block, FileLogWriterOptions options, ILogger logger, TimeProvider timeProvider)
    {
        Path = path;
        _reopen = reopen;
        _block = block;
        _options = options;
        _logger = logger;
        _timeProvider = timeProvider;
        _failures = new WriteFailureReporter(path, logger, timeProvider, options.ErrorInterval);
        _overflow = new QueueOverflowReporter(
            path, options.QueueCapacity, options.FullQueueWait, logger, timeProvider, options.ErrorInterval);
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
    /// starts the loop. The open never blocks, so neither does startup.</summary>
    /// <param name="block">Wait for room in a full queue instead of dropping (<c>on_queue_full: block</c>).</param>
    public static FileLogWriter Start(
        string path, bool reopen, bool block, FileLogWriterOptions options, ILogger logger, TimeProvider timeProvider)
    {
        var writer = new FileLogWriter(path, reopen, block, options, logger, timeProvider);
        writer.OpenForProbe();
        writer._loop = Task.Run(writer.RunAsync);
        return writer;
    }

    /// <summary>Follows rotation from now on: one instance with <c>reopen: true</c> decides for the file.</summary>
    public void EnableReopen() => _reopen = true;

    /// <summary>Waits for room from now on: one instance with <c>on_queue_full: block</c> decides for the file,
    /// since blocking is the explicit opt-in.</summary>
    public void EnableBlocking() => _block = true;

    /// <summary>Queues a line. Takes ownership of <paramref name="line"/>. When the queue is full it waits: without
    /// a bound with <c>on_queue_full: block</c>, otherwise at most <see cref="FileLogWriterOptions.FullQueueWait"/>
    /// before the entry is dropped and counted.</summary>
    public ValueTask EnqueueAsync(LogLine line)
    {
        if (!_queue.Writer.TryWrite(new QueueItem(line, null)))
        {
            return EnqueueSlowAsync(line);
        }

        if (_dropping)
        {
            _dropping = false;
            _overflow.Resumed();
        }

        return ValueTask.CompletedTask;
    }

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

    /// <summary>Stops accepting lines and returns once every queued line is written, or counted as lost when a
    /// pipe stays blocked past <see cref="FileLogWriterOptions.ShutdownTimeout"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(_options.ShutdownTimeout, _timeProvider);
        }
        catch (TimeoutException)
        {
            FileLogLog.ShutdownStalled(_logger, Path, _options.ShutdownTimeout);
            await _giveUp.CancelAsync();
            await _loop;
        }

        _overflow.ReportPending();
        _giveUp.Dispose();
    }

    private async ValueTask EnqueueSlowAsync(LogLine line)
    {
        if (_block)
        {
            await WaitForRoomAsync(line, CancellationToken.None);
            return;
        }

        // Once a wait ran out the sink is known to be stuck: drop at once instead of making every request wait.
        if (_dropping)
        {
            Drop(line);
            return;
        }

        using var timeout = new CancellationTokenSource(_options.FullQueueWait, _timeProvider);
        try
        {
            await WaitForRoomAsync(line, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            _dropping = true;
            Drop(line);
        }
    }

    private async ValueTask WaitForRoomAsync(LogLine line, CancellationToken cancellationToken)
    {
        try
        {
            // The response is already sent, and a client that went away is still logged: only the bound cancels.
            await _queue.Writer.WriteAsync(new QueueItem(line, null), cancellationToken);
        }
        catch (ChannelClosedException)
        {
            line.Return();
            FileLogLog.EntryAfterShutdown(_logger, Path);
        }
    }

    private void Drop(LogLine line)
    {
        line.Return();
        _overflow.Dropped();
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

        var prefix = _freshLine ? 1 : 0;
        if (_freshLine)
        {
            _segments.Insert(0, LineBreak);
        }

        try
        {
            _file ??= _options.Open(Path);
            _file.Append(_segments, _giveUp.Token);
            _freshLine = false;
            _failures.Succeeded();
            WarnIfDeleted(_file);
        }
        catch (AppendFailedException ex)
        {
            // Exact: the lines before the failure are whole in the file; the torn one was cut off or is closed by
            // the next write's line break, and is lost either way.
            _freshLine = ex.TornTail || ex.WholeLines < prefix;
            CloseFile();
            _failures.Failed(ex, _lines.Count - Math.Max(0, ex.WholeLines - prefix));
        }
        catch (Exception ex)
        {
            // The file could not be opened: nothing of the batch was written.
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

    /// <summary>A file deleted under <c>reopen: false</c> swallows every entry without an error; say so once.
    /// Looked at most once per <see cref="FileLogWriterOptions.DeletedCheckInterval"/>: a deletion lasts, so the
    /// warning still comes, at most that much later, and a busy writer is spared a <c>statx</c> per batch.</summary>
    private void WarnIfDeleted(IAppendFile file)
    {
        if (_deletedReported || _reopen)
        {
            return;
        }

        var now = _timeProvider.GetUtcNow();
        if (_deletedCheckedAt is { } last && now >= last && now - last < _options.DeletedCheckInterval)
        {
            return;
        }

        _deletedCheckedAt = now;
        if (!file.IsDeleted)
        {
            return;
        }

        _deletedReported = true;
        FileLogLog.FileDeleted(_logger, Path);
    }

    private void CloseFile()
    {
        _file?.Dispose();
        _file = null;
    }
}
