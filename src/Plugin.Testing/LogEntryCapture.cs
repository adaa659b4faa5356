using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using Gateway.Host.Pipeline;

namespace Gateway.Plugins.Testing;

/// <summary>Takes each request's log entry from the host's own serializer once the log phase ran, which is what a
/// log plugin (file-log) would write.</summary>
internal sealed class LogEntryCapture : ILogEntryObserver
{
    private readonly Channel<JsonElement> _entries = Channel.CreateUnbounded<JsonElement>();

    public ChannelReader<JsonElement> Entries => _entries.Reader;

    public void Logged(PluginContext context)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            context.WriteLogEntry(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        _entries.Writer.TryWrite(document.RootElement.Clone());
    }
}
