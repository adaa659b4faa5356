using System.Text;
using Gateway.MockAnthropic.Parsing;

namespace Gateway.MockAnthropic.Tests;

public sealed class MessagesRequestParserTests
{
    [Fact]
    public void Parse_ClaudeCodeLikeBody_FindsLastUserTextsAndFlags()
    {
        const string Json = """
            {"model":"m","messages":[
              {"role":"user","content":"first [[mock:text:old]]"},
              {"role":"assistant","content":[{"type":"text","text":"ok"}]},
              {"content":[{"type":"text","text":"a"},{"type":"image","source":{}},{"type":"text","text":"b"}],"role":"user"}
            ],"system":[{"type":"text","text":"s","cache_control":{"type":"ephemeral"}}],
             "thinking":{"budget_tokens":10,"type":"enabled"},"stream":true}
            """;

        var request = MessagesRequestParser.Parse(Encoding.UTF8.GetBytes(Json), out var error);

        Assert.NotNull(request);
        Assert.Equal("", error);
        Assert.Equal("m", request.Model);
        Assert.True(request.Stream);
        Assert.True(request.ThinkingEnabled);
        Assert.True(request.HasCacheControl);
        Assert.Equal(["a", "b"], request.LastUserTexts);
        Assert.False(request.LastUserHasToolResult);
    }

    [Fact]
    public void Parse_ToolResultWithBlockContent_JoinsItsText()
    {
        const string Json = """
            {"model":"m","messages":[{"role":"user","content":[
              {"type":"tool_result","tool_use_id":"t","content":[{"type":"text","text":"out"},{"type":"text","text":"put"}]}]}]}
            """;

        var request = MessagesRequestParser.Parse(Encoding.UTF8.GetBytes(Json), out _)!;

        Assert.True(request.LastUserHasToolResult);
        Assert.Equal("output", request.ToolResultText);
        Assert.False(request.ThinkingEnabled);
        Assert.False(request.Stream);
    }

    [Theory]
    [InlineData("{\"text\":\"\\\"cache_control\\\": not a key\"}", false)]
    [InlineData("{\"x\":\"cache_control\"}", false)]
    [InlineData("{\"cache_control\" : {}}", true)]
    public void CacheControlScanner_Body_MatchesOnlyKeys(string json, bool expected)
    {
        Assert.Equal(expected, CacheControlScanner.ContainsKey(Encoding.UTF8.GetBytes(json)));
    }
}
