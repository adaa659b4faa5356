using System.Text.Json;

namespace Gateway.MockAnthropic.Tests.Support;

/// <summary>Reads OpenAI's <c>data: JSON\n\n</c> frames up to <c>data: [DONE]</c>, checking the exact framing.</summary>
internal static class ChatChunkReader
{
    /// <returns>The chunks in order, and whether the stream ended with <c>[DONE]</c>.</returns>
    public static async Task<(List<JsonElement> Chunks, bool Done)> ReadAllAsync(Stream stream)
    {
        using var reader = new StreamReader(stream);
        var chunks = new List<JsonElement>();
        while (await reader.ReadLineAsync() is { } line)
        {
            Assert.StartsWith("data: ", line, StringComparison.Ordinal);
            Assert.Equal("", await reader.ReadLineAsync());
            var data = line["data: ".Length..];
            if (data == "[DONE]")
            {
                Assert.Null(await reader.ReadLineAsync());
                return (chunks, true);
            }

            using var doc = JsonDocument.Parse(data);
            chunks.Add(doc.RootElement.Clone());
        }

        return (chunks, false);
    }
}
