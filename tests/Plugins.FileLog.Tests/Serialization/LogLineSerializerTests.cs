using System.Text;
using System.Text.Json;
using Gateway.Plugins.FileLog.Serialization;

namespace Gateway.Plugins.FileLog.Tests.Serialization;

public sealed class LogLineSerializerTests
{
    private static string Text(LogLine line)
    {
        var text = Encoding.UTF8.GetString(line.Memory.Span);
        line.Return();
        return text;
    }

    [Fact]
    public void Serialize_Entry_OneLineEndingInNewline()
    {
        var text = Text(LogLineSerializer.Serialize(0, static (json, _) =>
        {
            json.WriteStartObject();
            json.WriteStartObject("ai");
            json.WriteStartObject("proxy");
            json.WriteStartObject("usage");
            json.WriteNumber("prompt_tokens", 12);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("note", "two\nlines");
            json.WriteEndObject();
        }));

        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Count(c => c == '\n'));
        using var document = JsonDocument.Parse(text);
        Assert.Equal(12, document.RootElement.GetProperty("ai").GetProperty("proxy").GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal("two\nlines", document.RootElement.GetProperty("note").GetString());
    }

    [Fact]
    public void Serialize_NonAscii_KeptReadableAsUtf8()
    {
        var text = Text(LogLineSerializer.Serialize(0, static (json, _) =>
        {
            json.WriteStartObject();
            json.WriteString("prompt", "héllo 世界 <b>");
            json.WriteEndObject();
        }));

        Assert.Contains("\"héllo 世界 <b>\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_LargeEntry_GrowsBeyondInitialBuffer()
    {
        var text = Text(LogLineSerializer.Serialize(0, static (json, _) =>
        {
            json.WriteStartObject();
            json.WriteString("request", new string('x', 100_000));
            json.WriteEndObject();
        }));

        Assert.True(text.Length > 100_000);
        using var document = JsonDocument.Parse(text);
    }

    [Fact]
    public void Serialize_IncompleteEntry_Throws() =>
        Assert.Throws<InvalidOperationException>(() =>
            LogLineSerializer.Serialize(0, static (json, _) => json.WriteStartObject()));

    [Fact]
    public void Serialize_WriterThrows_NextEntryUnaffected()
    {
        Assert.Throws<FormatException>(() => LogLineSerializer.Serialize(0, static (json, _) =>
        {
            json.WriteStartObject();
            json.WriteString("half", "written");
            throw new FormatException("boom");
        }));

        var text = Text(LogLineSerializer.Serialize(0, static (json, _) =>
        {
            json.WriteStartObject();
            json.WriteNumber("ok", 1);
            json.WriteEndObject();
        }));

        Assert.Equal("{\"ok\":1}\n", text);
    }
}
