using System.Text;
using Gateway.Plugins.AiProxy.Request;

namespace Gateway.Plugins.AiProxy.Tests.Request;

public sealed class ParseRequestTests
{
    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"messages\":[]} trailing")]
    [InlineData("{\"messages\":[{\"role\":\"user\"}]")]
    [InlineData("{\"messages\":[{\"role\":\"user\",}]}")]
    public void Parse_NotOneJsonObject_IsRejected(string body) =>
        Assert.False(ParseRequest.Parse(Encoding.UTF8.GetBytes(body)).IsJsonObject);

    [Theory]
    [InlineData("{}", false)]
    [InlineData("{\"messages\":[]}", false)]
    [InlineData("{\"messages\":{}}", false)]
    [InlineData("{\"messages\":\"hi\"}", false)]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}]}", true)]
    [InlineData("{\"messages\":[1,[2,[3]],{\"a\":[]}],\"model\":\"m\"}", true)]
    public void Parse_MessagesArray_MustBeNonEmpty(string body, bool hasMessages)
    {
        var facts = ParseRequest.Parse(Encoding.UTF8.GetBytes(body));

        Assert.True(facts.IsJsonObject);
        Assert.Equal(hasMessages, facts.HasMessages);
    }

    [Fact]
    public void Parse_ClaudeCodeBody_FindsModelStreamAndValueRanges()
    {
        const string body = """
            {"model":"claude-sonnet-4-5-20250929","messages":[{"role":"user","content":"hi"}],
             "system":[{"type":"text","text":"You are Claude Code"}],"tools":[{"name":"Bash","input_schema":{"type":"object"}}],
             "metadata":{"user_id":"u"},"max_tokens":32000,"thinking":{"type":"enabled","budget_tokens":31999},"stream":true,
             "temperature":1}
            """;
        var bytes = Encoding.UTF8.GetBytes(body);

        var facts = ParseRequest.Parse(bytes);

        Assert.True(facts.IsJsonObject && facts.HasMessages && facts.Stream);
        Assert.Equal("claude-sonnet-4-5-20250929", facts.Model);
        Assert.Equal("\"claude-sonnet-4-5-20250929\"", Slice(bytes, facts.ModelValue));
        Assert.Equal("true", Slice(bytes, facts.StreamValue));
        Assert.Equal("32000", Slice(bytes, facts.MaxTokensValue));
        Assert.Equal("1", Slice(bytes, facts.TemperatureValue));
        Assert.Null(facts.TopPValue);
    }

    [Theory]
    [InlineData("{\"model\":\"claude-sonnet-4-5-20250929\",\"messages\":[1]}")]
    [InlineData("{\"model\":\"claude\\u002dsonnet-4-5-20250929\",\"messages\":[1]}")]
    public void Parse_ModelSpelledAsThePinnedOne_IsThePinnedInstance(string body)
    {
        var pinned = new PinnedModel("claude-sonnet-4-5-20250929", "anthropic");

        var facts = ParseRequest.Parse(Encoding.UTF8.GetBytes(body), pinned);

        Assert.Same(pinned.Name, facts.Model);
    }

    [Theory]
    [InlineData("claude-opus-4-1")]
    [InlineData("claude-sonnet-4-5-2025092")]
    [InlineData("claude-sonnet-4-5-20250929x")]
    public void Parse_ModelOtherThanThePinnedOne_IsDecoded(string model)
    {
        var pinned = new PinnedModel("claude-sonnet-4-5-20250929", "anthropic");

        var facts = ParseRequest.Parse(Encoding.UTF8.GetBytes($"{{\"model\":\"{model}\",\"messages\":[1]}}"), pinned);

        Assert.Equal(model, facts.Model);
    }

    [Theory]
    [InlineData("{\"messages\":[1],\"stream\":false}", false)]
    [InlineData("{\"messages\":[1],\"stream\":\"true\"}", false)]
    [InlineData("{\"messages\":[1]}", false)]
    [InlineData("{\"messages\":[1],\"stream\":true}", true)]
    public void Parse_Stream_IsTrueOnlyForJsonTrue(string body, bool stream) =>
        Assert.Equal(stream, ParseRequest.Parse(Encoding.UTF8.GetBytes(body)).Stream);

    [Theory]
    [InlineData("42", true)]
    [InlineData("null", true)]
    [InlineData("{}", true)]
    [InlineData("\"claude-x\"", false)]
    public void Parse_ModelOfAnotherType_IsFlaggedNotDropped(string model, bool notString)
    {
        var facts = ParseRequest.Parse(Encoding.UTF8.GetBytes($"{{\"model\":{model},\"messages\":[1]}}"));

        Assert.Equal(notString, facts.ModelIsNotString);
    }

    [Fact]
    public void Parse_EscapedModelName_IsUnescaped() =>
        Assert.Equal("claude-\"x\"", ParseRequest.Parse(Encoding.UTF8.GetBytes("{\"model\":\"claude-\\\"x\\\"\",\"messages\":[1]}")).Model);

    private static string Slice(byte[] body, ValueRange? range) =>
        Encoding.UTF8.GetString(body.AsSpan(range!.Value.Start, range.Value.End - range.Value.Start));
}
