using System.Text.Json.Nodes;

namespace Gateway.EndToEnd.Tests.Infrastructure;

/// <summary>file-log's output as the tests read it: the log phase runs after the client has its answer, so they wait for it.</summary>
internal static class FileLogLines
{
    public static async Task<JsonNode> FirstAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!File.Exists(path) || (await File.ReadAllTextAsync(path)).Length == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no log line in {path}");
            await Task.Delay(50);
        }

        return JsonNode.Parse((await File.ReadAllLinesAsync(path))[0])!;
    }
}
