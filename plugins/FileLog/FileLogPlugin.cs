using Gateway.Plugins.FileLog.Configuration;
using Gateway.Plugins.FileLog.CustomFields;
using Gateway.Plugins.FileLog.Serialization;
using Gateway.Plugins.FileLog.Writing;
using Microsoft.Extensions.Logging;

namespace Gateway.Plugins.FileLog;

/// <summary>
/// Kong's file-log: one JSON line per request, in the shape of <c>kong.log.serialize()</c>, appended to a file.
/// The request path only serializes and queues; one background writer per distinct file does the I/O.
/// </summary>
internal sealed class FileLogPlugin : IGatewayPlugin, IConfigurePhase, ILogPhase, IAsyncDisposable, IDisposable
{
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly FileLogWriterOptions _options;

    private readonly Dictionary<string, FileLogWriter> _writers = new(StringComparer.Ordinal);
    private readonly Lock _writersLock = new();
    private bool _disposed;

    public FileLogPlugin(ILogger<FileLogPlugin> logger, TimeProvider timeProvider)
        : this(logger, timeProvider, new FileLogWriterOptions())
    {
    }

    internal FileLogPlugin(ILogger logger, TimeProvider timeProvider, FileLogWriterOptions options)
    {
        _logger = logger;
        _timeProvider = timeProvider;
        _options = options;
    }

    public string Name => "file-log";

    public int Priority => 9;

    public string Version => "1.0.0";

    public Type ConfigType => typeof(FileLogConfig);

    /// <summary>Opens every distinct file now, so a bad path is reported at startup, and gives each instance its
    /// writer and compiled custom fields (<see cref="PluginInstance.SetPrepared"/>).</summary>
    public ValueTask ConfigureAsync(IReadOnlyList<PluginInstance> instances, CancellationToken cancellationToken)
    {
        // Writers are shared by path and outlive a re-run, since in-flight requests may still use them.
        foreach (var instance in instances)
        {
            var config = (FileLogConfig)instance.Config;
            instance.SetPrepared(new FileLogTarget(GetWriter(config), CompileFields(config)));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask LogAsync(PluginContext context)
    {
        var target = context.GetPrepared<FileLogTarget>();

        foreach (var field in target.Fields)
        {
            context.SetSerializeValue(field.Key, field.Resolve(context));
        }

        return target.Writer.EnqueueAsync(LogLineSerializer.Serialize(context));
    }

    /// <summary>Completes once everything logged so far is in the files; for tests and integration tests.</summary>
    internal Task FlushAsync()
    {
        FileLogWriter[] writers;
        lock (_writersLock)
        {
            writers = [.. _writers.Values];
        }

        return Task.WhenAll(Array.ConvertAll(writers, writer => writer.FlushAsync()));
    }

    /// <summary>Called by the host's container at shutdown, after the server drained: writes every queued line.</summary>
    public async ValueTask DisposeAsync()
    {
        FileLogWriter[] writers;
        lock (_writersLock)
        {
            _disposed = true;
            writers = [.. _writers.Values];
        }

        await Task.WhenAll(Array.ConvertAll(writers, writer => writer.DisposeAsync().AsTask()));
    }

    // A container disposed synchronously refuses a singleton that is only IAsyncDisposable; block rather than lose
    // the queued lines.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private FileLogWriter GetWriter(FileLogConfig config)
    {
        var path = System.IO.Path.GetFullPath(config.Path);
        lock (_writersLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writers.TryGetValue(path, out var writer))
            {
                if (config.Reopen)
                {
                    writer.EnableReopen();
                }

                if (config.OnQueueFull == QueueFullAction.Block)
                {
                    writer.EnableBlocking();
                }

                return writer;
            }

            writer = FileLogWriter.Start(
                path, config.Reopen, config.OnQueueFull == QueueFullAction.Block, _options, _logger, _timeProvider);
            _writers.Add(path, writer);
            return writer;
        }
    }

    private static CustomField[] CompileFields(FileLogConfig config)
    {
        if (config.CustomFields is null || config.CustomFields.Count == 0)
        {
            return [];
        }

        var fields = new List<CustomField>(config.CustomFields.Count);
        foreach (var (key, value) in config.CustomFields)
        {
            // Validation already ran; failing here means the host skipped it.
            fields.Add(CustomField.TryCreate(key, value, out var field, out var error)
                ? field
                : throw new InvalidOperationException($"file-log custom_fields.{key}: {error}"));
        }

        return [.. fields];
    }
}
