using System.Text;
using System.Text.Json;
using Gateway.Host.Logging;

namespace Gateway.Host.Tests.Logging;

public sealed class QueryStringWriterTests
{
    private static readonly string[] KeySecret = ["key"];

    [Theory]
    [InlineData(null, "{}")]
    [InlineData("?", "{}")]
    [InlineData("?beta=true", """{"beta":"true"}""")]
    [InlineData("?flag", """{"flag":true}""")]
    [InlineData("?a=1&a=2&b=", """{"a":["1","2"],"b":""}""")]
    [InlineData("?q=hello+world%21", """{"q":"hello world!"}""")]
    public void Write_KongQuerystringRules_FlagsTrueRepeatsArrays(string? query, string expected)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            QueryStringWriter.Write(writer, query, []);
            writer.WriteEndObject();
        }

        Assert.Equal("{\"querystring\":" + expected + "}", Encoding.UTF8.GetString(stream.ToArray()));
    }

    // The plain path (nothing to decode) must write what the general path writes, for every query: keys repeated,
    // flags, empty parts, '=' in values, secrets, characters that need escaping.
    [Fact]
    public void Write_RandomQueriesWithoutEscapes_AreWhatTheGeneralPathWrote()
    {
        const string Alphabet = "abc=&&==xy<\"\\é\u0001 ";
        var random = new Random(20261130);
        string[][] secretSets = [[], ["a"], ["b", "xy"], [""]];
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(1, 40)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = Alphabet[random.Next(Alphabet.Length)];
            }

            var query = "?" + new string(chars);
            var secrets = secretSets[i % secretSets.Length];
            Assert.Equal(General(query, secrets), Json(w => QueryStringWriter.Write(w, query, secrets)));
        }
    }

    [Fact]
    public void Write_ClaudeCodesBetaFlag_OnceWarm_AllocatesNothing()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = LogEntryWriter.Encoder });
        WriteInto(writer, buffer);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            WriteInto(writer, buffer);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal("""{"querystring":{"beta":"true","key":"REDACTED"}}""", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static void WriteInto(Utf8JsonWriter writer, System.Buffers.ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
        QueryStringWriter.Write(writer, "?beta=true&key=sk", KeySecret);
        writer.WriteEndObject();
        writer.Flush();
    }

    private static string General(string query, IReadOnlyList<string> secrets) => Json(w =>
    {
        w.WriteStartObject("querystring");
        QueryStringWriter.WriteDecoded(w, query, secrets);
        w.WriteEndObject();
    });

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = LogEntryWriter.Encoder }))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
