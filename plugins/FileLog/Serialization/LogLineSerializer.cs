using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gateway.Plugins.FileLog.Serialization;

/// <summary>Turns the host's log entry into one newline-terminated JSON line in a pooled buffer.</summary>
internal static class LogLineSerializer
{
    private static readonly JsonWriterOptions Options = new()
    {
        // The file is read by log tools, never embedded in HTML: keep non-ASCII text (prompts, names) readable
        // as Kong's cjson does. Quotes, backslashes and control characters are still escaped, so a line can never
        // contain a raw newline.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    // One writer pair per thread: serialization is synchronous, so nothing else on the thread can interleave.
    [ThreadStatic]
    private static LineBufferWriter? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_json;

    public static LogLine Serialize(PluginContext context) =>
        Serialize(context, static (json, state) => state.WriteLogEntry(json));

    /// <summary>Runs <paramref name="writeEntry"/> into a pooled line; a static lambda with state keeps the
    /// request path free of delegate allocations.</summary>
    public static LogLine Serialize<TState>(TState state, Action<Utf8JsonWriter, TState> writeEntry)
    {
        var buffer = t_buffer ??= new LineBufferWriter();
        buffer.Start();
        var json = t_json ??= new Utf8JsonWriter(buffer, Options);
        json.Reset(buffer);
        try
        {
            writeEntry(json, state);
            json.Flush();
            if (json.CurrentDepth != 0 || json.BytesCommitted == 0)
            {
                throw new InvalidOperationException("The log entry was incomplete JSON; it was not queued.");
            }

            buffer.Append((byte)'\n');
            return buffer.Detach();
        }
        catch
        {
            json.Reset(buffer);
            buffer.Abandon();
            throw;
        }
    }
}
