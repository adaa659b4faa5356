using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Threading.Channels;
using Gateway.Host.Pipeline;

namespace Gateway.Plugins.Testing;

/// <summary>Takes each request's log entry from the host's own serializer once the log phase ran, which is what a
/// log plugin (file-log) would write.</summary>
internal sealed class LogEntryCapture : ILogEntryObserver
{
    private readonly Channel<(JsonElement Entry, ExceptionDispatchInfo? Error)> _entries = Channel.CreateUnbounded<(JsonElement, ExceptionDispatchInfo?)>();

    public void Logged(PluginContext context)
    {
        try
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                context.WriteLogEntry(writer);
            }

            using var document = JsonDocument.Parse(buffer.WrittenMemory);
            _entries.Writer.TryWrite((document.RootElement.Clone(), null));
        }
        catch (Exception ex)
        {
            // A value a plugin set that cannot be serialized: the test hears about it from NextLogEntryAsync
            // instead of timing out, and the request it belongs to still ends normally.
            _entries.Writer.TryWrite((default, ExceptionDispatchInfo.Capture(ex)));
        }
    }

    public async Task<JsonElement> NextAsync(CancellationToken cancellationToken)
    {
        var (entry, error) = await _entries.Reader.ReadAsync(cancellationToken);
        if (error is not null)
        {
            throw new InvalidOperationException($"the request's log entry could not be written: {error.SourceException.Message}", error.SourceException);
        }

        return entry;
    }
}
