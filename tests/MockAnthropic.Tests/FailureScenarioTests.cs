using System.Net;
using System.Text.Json;
using Gateway.MockAnthropic.Replies;
using Gateway.MockAnthropic.Tests.Support;

namespace Gateway.MockAnthropic.Tests;

public sealed class FailureScenarioTests
{
    [Theory]
    [InlineData(429, "rate_limit_error", true)]
    [InlineData(529, "overloaded_error", true)]
    [InlineData(500, "api_error", false)]
    [InlineData(401, "authentication_error", false)]
    public async Task Status_Marker_FailsBeforeFirstByteWithAnthropicError(int status, string type, bool retryAfter)
    {
        await using var mock = await MockHarness.StartAsync();
        var json = RequestBodies.Messages($"[[mock:status:{status}]]", stream: true);

        using var response = await mock.SendStreamingAsync(MockHarness.Post("/v1/messages", json));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(retryAfter, response.Headers.Contains("retry-after"));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("error", doc.RootElement.GetProperty("type").GetString());
        Assert.Equal(type, doc.RootElement.GetProperty("error").GetProperty("type").GetString());
        var recorded = Assert.Single(mock.Server.Requests);
        Assert.Equal(status, recorded.ResponseStatus);
        Assert.Null(recorded.ResponseUsage);
    }

    [Fact]
    public async Task StatusOnce_Marker_FailsFirstRequestOnlyUntilCleared()
    {
        await using var mock = await MockHarness.StartAsync();
        var json = RequestBodies.Messages("[[mock:status-once:529]]");

        async Task<HttpStatusCode> SendAsync()
        {
            using var response = await mock.Client.SendAsync(MockHarness.Post("/v1/messages", json));
            return response.StatusCode;
        }

        Assert.Equal((HttpStatusCode)529, await SendAsync());
        Assert.Equal(HttpStatusCode.OK, await SendAsync());
        Assert.Equal(HttpStatusCode.OK, await SendAsync());
        mock.Server.Clear();
        Assert.Equal((HttpStatusCode)529, await SendAsync());
    }

    [Fact]
    public async Task StatusOnce_DifferentTags_CountSeparately()
    {
        await using var mock = await MockHarness.StartAsync();

        using var a = await mock.Client.SendAsync(MockHarness.Post("/v1/messages", RequestBodies.Messages("[[mock:status-once:429:a]]")));
        using var b = await mock.Client.SendAsync(MockHarness.Post("/v1/messages", RequestBodies.Messages("[[mock:status-once:429:b]]")));

        Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, b.StatusCode);
    }

    [Fact]
    public async Task StreamError_Marker_SendsErrorEventAfterDeltasWithStatus200()
    {
        await using var mock = await MockHarness.StartAsync();

        var events = await mock.StreamAsync(RequestBodies.Messages("[[mock:stream-error]]", stream: true));

        Assert.Equal(StreamingResponder.DeltasBeforeStreamError, events.Count(e => e.Name == "content_block_delta"));
        var last = events[^1];
        Assert.Equal("error", last.Name);
        Assert.Equal("overloaded_error", last.Data.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("Overloaded", last.Data.GetProperty("error").GetProperty("message").GetString());
        Assert.DoesNotContain(events, e => e.Name is "message_delta" or "message_stop");
        Assert.Equal(1, Assert.Single(mock.Server.Requests).ResponseUsage!.OutputTokens);
    }

    [Fact]
    public async Task DisconnectAfter_Marker_CutsConnectionAfterNEvents()
    {
        await using var mock = await MockHarness.StartAsync();
        using var response = await mock.SendStreamingAsync(
            MockHarness.Post("/v1/messages", RequestBodies.Messages("[[mock:disconnect-after:3]]", stream: true)));
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());

        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(await reader.NextAsync());
        }

        await Assert.ThrowsAnyAsync<Exception>(async () => await reader.NextAsync());
        var recorded = Assert.Single(mock.Server.Requests);
        Assert.Equal(1, recorded.ResponseUsage!.OutputTokens);
    }

    [Fact]
    public async Task Marker_Unknown_Returns400InvalidRequest()
    {
        await using var mock = await MockHarness.StartAsync();

        using var response = await mock.Client.SendAsync(
            MockHarness.Post("/v1/messages", RequestBodies.Messages("[[mock:tyop:1]]")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request_error", doc.RootElement.GetProperty("error").GetProperty("type").GetString());
    }
}
