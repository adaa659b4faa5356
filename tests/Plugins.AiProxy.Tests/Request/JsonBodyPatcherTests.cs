using System.Text;
using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Request;

namespace Gateway.Plugins.AiProxy.Tests.Request;

public sealed class JsonBodyPatcherTests
{
    private static readonly byte[] Stream = Encoding.UTF8.GetBytes("\"stream\"");
    private static readonly byte[] Model = Encoding.UTF8.GetBytes("\"model\"");

    [Fact]
    public void Apply_ReplaceAndInsert_KeepsEveryOtherByte()
    {
        const string body = "  {\"messages\" : [ {\"role\":\"user\"} ],\n \"stream\": false, \"x\": 1.50}";
        var bytes = Encoding.UTF8.GetBytes(body);
        var facts = ParseRequest.Parse(bytes);

        var patched = JsonBodyPatcher.Apply(bytes, facts.ObjectStart,
        [
            new BodyPatch(Stream, Encoding.UTF8.GetBytes("true"), facts.StreamValue),
            new BodyPatch(Model, Encoding.UTF8.GetBytes("\"claude\""), facts.ModelValue),
        ]);

        Assert.Equal("  {\"model\":\"claude\",\"messages\" : [ {\"role\":\"user\"} ],\n \"stream\": true, \"x\": 1.50}",
            Encoding.UTF8.GetString(patched));
    }

    [Fact]
    public void Apply_SeveralReplacementsInAnyOrder_AreAppliedByPosition()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"top_k\":5,\"messages\":[1],\"temperature\":0.1,\"max_tokens\":32000}");
        var facts = ParseRequest.Parse(bytes);

        var patched = JsonBodyPatcher.Apply(bytes, facts.ObjectStart,
        [
            new BodyPatch(Stream, Encoding.UTF8.GetBytes("1024"), facts.MaxTokensValue),
            new BodyPatch(Stream, Encoding.UTF8.GetBytes("40"), facts.TopKValue),
            new BodyPatch(Stream, Encoding.UTF8.GetBytes("0.5"), facts.TemperatureValue),
        ]);

        Assert.Equal("{\"top_k\":40,\"messages\":[1],\"temperature\":0.5,\"max_tokens\":1024}", Encoding.UTF8.GetString(patched));
    }

    [Fact]
    public void Apply_InsertIntoEmptyObject_StaysValidJson()
    {
        var bytes = Encoding.UTF8.GetBytes("{ }");

        var patched = JsonBodyPatcher.Apply(bytes, 0,
        [
            new BodyPatch(Model, Encoding.UTF8.GetBytes("\"m\""), null),
            new BodyPatch(Stream, Encoding.UTF8.GetBytes("true"), null),
        ]);

        Assert.Equal("m", JsonNode.Parse(patched)!["model"]!.GetValue<string>());
        Assert.True(JsonNode.Parse(patched)!["stream"]!.GetValue<bool>());
    }
}
