using System.Net;
using System.Text.Json;
using Gateway.MockAnthropic.Replies;
using Gateway.MockAnthropic.Tests.Support;

namespace Gateway.MockAnthropic.Tests;

public sealed class NonStreamingTests
{
    [Fact]
    public async Task Messages_DefaultRequest_ReturnsMessageShapeAndRecordedUsage()
    {
        await using var mock = await MockHarness.StartAsync();
        var json = RequestBodies.Messages("hello");

        using var response = await mock.Client.SendAsync(MockHarness.Post("/v1/messages", json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("req_", response.Headers.GetValues("request-id").Single(), StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = doc.RootElement;
        Assert.StartsWith("msg_", root.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("message", root.GetProperty("type").GetString());
        Assert.Equal("assistant", root.GetProperty("role").GetString());
        Assert.Equal(RequestBodies.Model, root.GetProperty("model").GetString());
        var content = Assert.Single(root.GetProperty("content").EnumerateArray());
        Assert.Equal("text", content.GetProperty("type").GetString());
        Assert.Equal(ReplyPlanner.DefaultText, content.GetProperty("text").GetString());
        Assert.Equal("end_turn", root.GetProperty("stop_reason").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("stop_sequence").ValueKind);

        var usage = root.GetProperty("usage");
        Assert.Equal("standard", usage.GetProperty("service_tier").GetString());
        var recorded = Assert.Single(mock.Server.Requests);
        Assert.Equal(UsageOf(usage), recorded.ResponseUsage);
        Assert.True(recorded.ResponseUsage!.CacheReadInputTokens > 0);
        Assert.True(recorded.ResponseUsage.CacheCreationInputTokens > 0);
        Assert.Equal(TextSplitterWordCount(ReplyPlanner.DefaultText), recorded.ResponseUsage.OutputTokens);
        Assert.False(recorded.Streamed);
        Assert.Equal(200, recorded.ResponseStatus);
    }

    [Fact]
    public async Task Messages_NoCacheControl_AllPromptTokensAreInput()
    {
        await using var mock = await MockHarness.StartAsync();
        var json = RequestBodies.Messages("hello", cacheControl: false);

        using var response = await mock.Client.SendAsync(MockHarness.Post("/v1/messages", json));

        var usage = Assert.Single(mock.Server.Requests).ResponseUsage!;
        Assert.Equal(new MockUsage(json.Length / 4, usage.OutputTokens, 0, 0), usage);
    }

    [Fact]
    public async Task Messages_TextMarker_AnswersWithThatText()
    {
        await using var mock = await MockHarness.StartAsync();

        using var response = await mock.Client.SendAsync(
            MockHarness.Post("/v1/messages", RequestBodies.Messages("say it [[mock:text:Exactly this.]]")));

        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Exactly this.", doc.RootElement.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("text:Exactly this.", Assert.Single(mock.Server.Requests).Scenario);
    }

    internal static MockUsage UsageOf(JsonElement usage) => new(
        usage.GetProperty("input_tokens").GetInt32(),
        usage.GetProperty("output_tokens").GetInt32(),
        usage.GetProperty("cache_creation_input_tokens").GetInt32(),
        usage.GetProperty("cache_read_input_tokens").GetInt32());

    private static int TextSplitterWordCount(string text) => TextSplitter.Words(text).Count;
}
