using System.Net;
using System.Text.Json;
using Gateway.MockAnthropic.Recording;
using Gateway.MockAnthropic.Tests.Support;

namespace Gateway.MockAnthropic.Tests;

public sealed class RecordingTests
{
    [Fact]
    public async Task Recording_64ConcurrentRequests_RecordsEachOnceWithItsUsage()
    {
        await using var mock = await MockHarness.StartAsync();
        const int Concurrency = 64;

        var tasks = Enumerable.Range(0, Concurrency).Select(async i =>
        {
            // Distinct body lengths give distinct usage, so a mixed-up recording would show.
            var json = RequestBodies.Messages($"request {i} {new string('x', i * 8)}", stream: i % 2 == 0);
            using var response = await mock.Client.SendAsync(MockHarness.Post("/v1/messages", json));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await response.Content.ReadAsByteArrayAsync();
            return json;
        });
        var bodies = await Task.WhenAll(tasks);

        var recorded = mock.Server.Requests;
        Assert.Equal(Concurrency, recorded.Count);
        foreach (var body in bodies)
        {
            var match = Assert.Single(recorded, r => r.Body == body);
            Assert.Equal(body.Length, match.BodyBytes);
            Assert.NotNull(match.ResponseUsage);
            Assert.Equal(body.Length / 4, match.ResponseUsage.InputTokens
                + match.ResponseUsage.CacheCreationInputTokens + match.ResponseUsage.CacheReadInputTokens);
        }
    }

    [Fact]
    public async Task Recording_Request_KeepsLowerCaseHeadersAndRawTarget()
    {
        await using var mock = await MockHarness.StartAsync();
        using var request = MockHarness.Post("/v1/messages?beta=true", RequestBodies.Messages("hi"));
        request.Headers.Add("Anthropic-Beta", "claude-code-20250219,interleaved-thinking-2025-05-14");

        using var response = await mock.Client.SendAsync(request);

        var recorded = Assert.Single(mock.Server.Requests);
        Assert.Equal("POST", recorded.Method);
        Assert.Equal("/v1/messages?beta=true", recorded.PathAndQuery);
        Assert.Equal("claude-code-20250219,interleaved-thinking-2025-05-14", recorded.Headers["anthropic-beta"]);
        Assert.Equal("test-key", recorded.Headers["x-api-key"]);
        Assert.Equal("application/json; charset=utf-8", recorded.Headers["content-type"]);
    }

    [Fact]
    public async Task ControlEndpoint_GetAndDelete_ServeAndClearRecording()
    {
        await using var mock = await MockHarness.StartAsync();
        using (await mock.Client.SendAsync(MockHarness.Post("/v1/messages", RequestBodies.Messages("hi", stream: true))))
        {
        }

        var json = await mock.Client.GetStringAsync("/_mock/requests");
        var overHttp = Assert.Single(RecordedRequestJson.Deserialize(json));
        Assert.Equal(Assert.Single(mock.Server.Requests).ResponseUsage, overHttp.ResponseUsage);
        using (var doc = JsonDocument.Parse(json))
        {
            var usage = doc.RootElement[0].GetProperty("response_usage");
            Assert.True(usage.TryGetProperty("cache_read_input_tokens", out _));
        }

        using var deleted = await mock.Client.DeleteAsync("/_mock/requests");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(mock.Server.Requests);
    }

    [Fact]
    public async Task Recording_BeyondCapacity_DropsOldest()
    {
        await using var mock = await MockHarness.StartAsync(new MockAnthropicOptions { MaxRecordedRequests = 2 });

        for (var i = 0; i < 3; i++)
        {
            using var response = await mock.Client.SendAsync(MockHarness.Post("/v1/messages", RequestBodies.Messages($"n{i}")));
        }

        var recorded = mock.Server.Requests;
        Assert.Equal(2, recorded.Count);
        Assert.Contains("n1", recorded[0].Body, StringComparison.Ordinal);
        Assert.Contains("n2", recorded[1].Body, StringComparison.Ordinal);
    }
}
