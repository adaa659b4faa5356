using System.Text.Json;
using Gateway.MockAnthropic.Tests.Support;

namespace Gateway.MockAnthropic.Tests;

public sealed class ToolUseTests
{
    private const string Question = "[[mock:bash:echo \"hi\" > made-by-mock.txt]]";

    [Fact]
    public async Task Bash_FirstTurn_StreamsToolUseWithCommand()
    {
        await using var mock = await MockHarness.StartAsync();

        var events = await mock.StreamAsync(RequestBodies.Messages(Question, stream: true));

        var block = events.Single(e => e.Name == "content_block_start").Data.GetProperty("content_block");
        Assert.Equal("tool_use", block.GetProperty("type").GetString());
        Assert.Equal("Bash", block.GetProperty("name").GetString());
        Assert.StartsWith("toolu_", block.GetProperty("id").GetString(), StringComparison.Ordinal);
        var json = string.Concat(events.Where(e => e.Name == "content_block_delta").Select(e =>
        {
            Assert.Equal("input_json_delta", e.Data.GetProperty("delta").GetProperty("type").GetString());
            return e.Data.GetProperty("delta").GetProperty("partial_json").GetString();
        }));
        using var input = JsonDocument.Parse(json);
        Assert.Equal("echo \"hi\" > made-by-mock.txt", input.RootElement.GetProperty("command").GetString());
        Assert.Equal("Run command", input.RootElement.GetProperty("description").GetString());
        Assert.Equal("tool_use", events[^2].Data.GetProperty("delta").GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task Bash_NonStreaming_ReturnsToolUseBlock()
    {
        await using var mock = await MockHarness.StartAsync();

        using var response = await mock.Client.SendAsync(MockHarness.Post("/v1/messages", RequestBodies.Messages(Question)));

        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var block = Assert.Single(doc.RootElement.GetProperty("content").EnumerateArray());
        Assert.Equal("tool_use", block.GetProperty("type").GetString());
        Assert.Equal("echo \"hi\" > made-by-mock.txt", block.GetProperty("input").GetProperty("command").GetString());
        Assert.Equal("tool_use", doc.RootElement.GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task Bash_AfterToolResult_AnswersDoneAndEndsTurn()
    {
        await using var mock = await MockHarness.StartAsync();

        var events = await mock.StreamAsync(
            RequestBodies.ToolResult("[[mock:bash:echo hi]]", "toolu_01abc", "hi\nsecond line"),
            "[[mock:bash:echo hi]]");

        var text = string.Concat(events.Where(e => e.Name == "content_block_delta")
            .Select(e => e.Data.GetProperty("delta").GetProperty("text").GetString()));
        Assert.Equal("Done: hi", text);
        Assert.Equal("end_turn", events[^2].Data.GetProperty("delta").GetProperty("stop_reason").GetString());
    }
}
