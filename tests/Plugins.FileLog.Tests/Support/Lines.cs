using System.Buffers;
using System.Text;
using System.Text.Json;
using Gateway.Plugins.FileLog.Serialization;

namespace Gateway.Plugins.FileLog.Tests.Support;

internal static class Lines
{
    /// <summary>A pooled line as the serializer would produce it.</summary>
    public static LogLine Of(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text + "\n");
        var buffer = ArrayPool<byte>.Shared.Rent(bytes.Length);
        bytes.CopyTo(buffer, 0);
        return new LogLine(buffer, bytes.Length);
    }

    /// <summary>Reads a log file, asserting that it ends on a line break, and parses every line.</summary>
    public static List<JsonElement> ReadJsonLines(string path)
    {
        var text = File.ReadAllText(path);
        Assert.True(text.Length == 0 || text[^1] == '\n', "the file ends in the middle of a line");
        var result = new List<JsonElement>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var document = JsonDocument.Parse(line);
            result.Add(document.RootElement.Clone());
        }

        Assert.Equal(text.Count(c => c == '\n'), result.Count);
        return result;
    }
}
