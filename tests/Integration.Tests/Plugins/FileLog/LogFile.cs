using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Gateway.Integration.Tests.Plugins.FileLog;

/// <summary>Reads a file-log output file from outside the gateway: the plugin lives in its own load context, so
/// tests poll the file (or stop the host, which flushes) instead of calling into the writer.</summary>
internal static class LogFile
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>The complete lines (ending in <c>\n</c>); a missing file has none. Asserts that no partial line
    /// trails them, since the writer only ever appends whole lines.</summary>
    public static IReadOnlyList<string> Lines(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        string text;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            text = reader.ReadToEnd();
        }

        if (text.Length == 0)
        {
            return [];
        }

        Assert.True(text.EndsWith('\n'), $"{path} ends with a partial line");
        return text[..^1].Split('\n');
    }

    /// <summary>Polls until the file holds at least <paramref name="count"/> lines; returns them.</summary>
    public static async Task<IReadOnlyList<string>> WaitForLinesAsync(string path, int count)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var lines = Lines(path);
            if (lines.Count >= count)
            {
                return lines;
            }

            if (clock.Elapsed > Patience)
            {
                Assert.Fail($"{path} has {lines.Count} lines after {Patience.TotalSeconds} s, expected {count}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Polls until every one of <paramref name="requestIds"/> has its line; returns all entries.</summary>
    public static async Task<IReadOnlyList<JsonElement>> WaitForRequestIdsAsync(string path, IReadOnlyCollection<string> requestIds)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var entries = Parse(Lines(path));
            var missing = requestIds.Except(entries.Select(RequestId), StringComparer.Ordinal).ToList();
            if (missing.Count == 0)
            {
                return entries;
            }

            if (clock.Elapsed > Patience)
            {
                Assert.Fail($"{path} has no line for {string.Join(", ", missing)} after {Patience.TotalSeconds} s");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Every line parsed; fails naming the first line that is not one JSON object.</summary>
    public static IReadOnlyList<JsonElement> Parse(IReadOnlyList<string> lines)
    {
        var entries = new List<JsonElement>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            try
            {
                using var document = JsonDocument.Parse(lines[i]);
                Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
                entries.Add(document.RootElement.Clone());
            }
            catch (JsonException ex)
            {
                Assert.Fail($"line {i + 1} is not JSON ({ex.Message}): {lines[i]}");
            }
        }

        return entries;
    }

    public static string RequestId(JsonElement entry) => entry.GetProperty("request").GetProperty("id").GetString()!;
}
