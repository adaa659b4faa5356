using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gateway.Host.Logging;

namespace Gateway.Host.Tests.Logging;

public sealed class LogValueWriterTests
{
    // The options LogValueWriter serializes plain objects with.
    private static readonly JsonSerializerOptions HostOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // A plugin type with its own converter (as ai-proxy's statistics) is handed to the converter directly; the
    // bytes must be what the serializer wrote through the same converter.
    [Fact]
    public void Write_ValueWithItsOwnConverter_IsWhatTheSerializerWrote()
    {
        var value = new Stat { Count = 42, Name = "a<b \"c\" é" };

        var serialized = JsonSerializer.Serialize<object>(value, HostOptions);
        var calls = value.Written;

        Assert.Equal(serialized, Write(value));
        Assert.Equal(calls + 1, value.Written);
    }

    [Fact]
    public void Write_PlainObjectWithoutAConverter_IsStillSerializedSnakeCase()
    {
        Assert.Equal("""{"tokens_in":3,"model_name":"m<1>"}""", Write(new Plain { TokensIn = 3, ModelName = "m<1>" }));
    }

    // The serializer refused a converter that left an object open; the direct call must too, so a broken plugin
    // converter fails its value rather than shifting the rest of the line into its object.
    [Fact]
    public void Write_ConverterThatLeavesItsObjectOpen_Throws()
    {
        Assert.Throws<JsonException>(() => Write(new Broken()));
    }

    [Fact]
    public void Write_ValueWithItsOwnConverter_OnceWarm_AllocatesNothing()
    {
        object value = new Stat { Count = 1, Name = "n" };
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = LogEntryWriter.Encoder });
        WriteInto(writer, buffer, value);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            WriteInto(writer, buffer, value);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void WriteInto(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, object value)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        LogValueWriter.Write(writer, value);
        writer.Flush();
    }

    private static string Write(object value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = LogEntryWriter.Encoder }))
        {
            LogValueWriter.Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [JsonConverter(typeof(StatConverter))]
    private sealed class Stat
    {
        public long Count { get; init; }

        public string Name { get; init; } = string.Empty;

        public int Written { get; set; }
    }

    private sealed class StatConverter : JsonConverter<Stat>
    {
        public override Stat Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, Stat value, JsonSerializerOptions options)
        {
            value.Written++;
            writer.WriteStartObject();
            writer.WriteNumber("count", value.Count);
            writer.WriteString("name", value.Name);
            writer.WriteEndObject();
        }
    }

    private sealed class Plain
    {
        public int TokensIn { get; init; }

        public string ModelName { get; init; } = string.Empty;
    }

    [JsonConverter(typeof(BrokenConverter))]
    private sealed class Broken;

    private sealed class BrokenConverter : JsonConverter<Broken>
    {
        public override Broken Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, Broken value, JsonSerializerOptions options) => writer.WriteStartObject();
    }
}
