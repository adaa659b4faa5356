using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Gateway.Host.Logging;

namespace Gateway.Host.Tests.Logging;

/// <summary>The raw ASCII path must write exactly what the writer's own path wrote, for every input: old path
/// (<see cref="Utf8JsonWriter.WriteStringValue(string)"/>) against new, byte for byte.</summary>
public sealed class JsonAsciiTests
{
    public static TheoryData<int> Chars()
    {
        var data = new TheoryData<int>();
        for (var c = 0; c <= 0x17F; c++)
        {
            data.Add(c);
        }

        foreach (var c in new[] { 0x2028, 0x2029, 0xD800, 0xDC00, 0xFEFF, 0xFFFD, 0xFFFF })
        {
            data.Add(c);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Chars))]
    public void WriteStringValue_EveryAsciiAndLatin1Char_IsByteIdenticalToTheWriter(int c)
    {
        var ch = (char)c;
        foreach (var value in new[] { ch.ToString(), $"a{ch}b", new string(ch, 40), "text/plain; q=" + ch })
        {
            Assert.Equal(Old(value), New(value));
        }
    }

    [Fact]
    public void WriteStringValue_RandomStrings_AreByteIdenticalToTheWriter()
    {
        var random = new Random(20261130);
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(0, 300);
            var chars = new char[length];
            for (var j = 0; j < length; j++)
            {
                // Mostly printable ASCII (what headers are), sometimes any char, surrogates included.
                chars[j] = random.Next(10) switch
                {
                    0 => (char)random.Next(0, 0x10000),
                    1 => (char)random.Next(0, 0x100),
                    _ => (char)random.Next(0x20, 0x7F),
                };
            }

            var value = new string(chars);
            Assert.Equal(Old(value), New(value));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("application/json")]
    [InlineData("<script>&'+`")]
    [InlineData("quote\" and \\ backslash")]
    public void WriteStringValue_ValuesOfEveryLengthAroundTheRawLimit_AreByteIdentical(string seed)
    {
        for (var length = 0; length < 300; length++)
        {
            var value = string.Concat(Enumerable.Repeat(seed.Length == 0 ? "x" : seed, length + 1))[..length];
            Assert.Equal(Old(value), New(value));
        }
    }

    [Fact]
    public void WriteStringValue_Null_IsJsonNullAsBefore()
    {
        Assert.Equal(Old(null), New(null));
    }

    [Fact]
    public void CanWriteRaw_OtherEncoderOrIndented_IsFalse()
    {
        // A writer that escapes HTML-sensitive characters, or indents, would get different bytes from a raw write.
        using var strict = new Utf8JsonWriter(new ArrayBufferWriter<byte>(), new JsonWriterOptions { Encoder = JavaScriptEncoder.Default });
        using var defaults = new Utf8JsonWriter(new ArrayBufferWriter<byte>());
        using var indented = new Utf8JsonWriter(new ArrayBufferWriter<byte>(), new JsonWriterOptions { Encoder = LogEntryWriter.Encoder, Indented = true });
        using var log = new Utf8JsonWriter(new ArrayBufferWriter<byte>(), new JsonWriterOptions { Encoder = LogEntryWriter.Encoder });

        Assert.False(JsonAscii.CanWriteRaw(strict));
        Assert.False(JsonAscii.CanWriteRaw(defaults));
        Assert.False(JsonAscii.CanWriteRaw(indented));
        Assert.True(JsonAscii.CanWriteRaw(log));
    }

    [Theory]
    [MemberData(nameof(Chars))]
    public void LoggedHeaderName_EveryChar_IsWhatTheWriterWroteForTheLowercasedName(int c)
    {
        var ch = (char)c;
        foreach (var header in new[] { "X-Test-" + ch, ch + "Accept" })
        {
            var expected = WriteName(w => w.WritePropertyName(header.ToLowerInvariant()));
            var entry = LoggedHeaderName.Get(header);
            if (entry is null)
            {
                // Only an invalid UTF-16 name is not cached (JsonEncodedText refuses it); the log writes such a name
                // the writer's own way, as before.
                Assert.True(char.IsSurrogate(ch));
                continue;
            }

            Assert.Equal(expected, WriteName(w => w.WritePropertyName(entry.Name)));
        }
    }

    [Theory]
    [InlineData("Authorization", true)]
    [InlineData("proxy-authorization", true)]
    [InlineData("COOKIE", true)]
    [InlineData("Set-Cookie", true)]
    [InlineData("X-Api-Key", true)]
    [InlineData("x-api-key2", false)]
    [InlineData("Content-Type", false)]
    public void LoggedHeaderName_AlwaysSecret_MatchesIsSecretWithoutExtraNames(string header, bool secret)
    {
        Assert.Equal(secret, LoggedHeaderName.Get(header)!.AlwaysSecret);
        Assert.Equal(secret, LogEntryWriter.IsSecret(header, []));
    }

    private static string? WriteName(Action<Utf8JsonWriter> name)
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = LogEntryWriter.Encoder }))
            {
                writer.WriteStartObject();
                name(writer);
                writer.WriteNumberValue(1);
                writer.WriteEndObject();
            }
        }
        catch (ArgumentException)
        {
            return null;
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // In an object and in an array after another value, so separators are covered too.
    private static string Old(string? value) => Write(value, static (w, v) => w.WriteStringValue(v));

    private static string New(string? value) => Write(value, static (w, v) =>
    {
        Assert.True(JsonAscii.CanWriteRaw(w));
        JsonAscii.WriteStringValue(w, v, raw: true);
    });

    private static string Write(string? value, Action<Utf8JsonWriter, string?> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = LogEntryWriter.Encoder });
            writer.WriteStartObject();
            writer.WritePropertyName("v");
            write(writer, value);
            writer.WriteStartArray("a");
            writer.WriteNumberValue(1);
            write(writer, value);
            write(writer, value);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.Flush();
        }
        catch (ArgumentException exception)
        {
            return "threw " + exception.GetType().Name;
        }

        return Convert.ToHexString(buffer.WrittenSpan);
    }
}
