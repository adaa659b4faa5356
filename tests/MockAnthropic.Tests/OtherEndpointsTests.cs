using System.Net;
using System.Text.Json;
using Gateway.MockAnthropic.Tests.Support;

namespace Gateway.MockAnthropic.Tests;

public sealed class OtherEndpointsTests
{
    [Fact]
    public async Task CountTokens_ValidBody_ReturnsInputTokens()
    {
        await using var mock = await MockHarness.StartAsync();
        var json = RequestBodies.Messages("hello");

        using var response = await mock.Client.SendAsync(MockHarness.Post("/v1/messages/count_tokens?beta=true", json));

        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(json.Length / 4, doc.RootElement.GetProperty("input_tokens").GetInt32());
        Assert.Single(doc.RootElement.EnumerateObject());
    }

    [Fact]
    public async Task Models_Get_ReturnsListShape()
    {
        await using var mock = await MockHarness.StartAsync();

        using var doc = JsonDocument.Parse(await mock.Client.GetStringAsync("/v1/models"));

        var data = doc.RootElement.GetProperty("data");
        Assert.Equal("model", data[0].GetProperty("type").GetString());
        Assert.Equal("claude-sonnet-4-5-20250929", data[0].GetProperty("id").GetString());
        Assert.Equal("Claude Sonnet 4.5", data[0].GetProperty("display_name").GetString());
        Assert.Equal("2025-09-29T00:00:00Z", data[0].GetProperty("created_at").GetString());
        Assert.False(doc.RootElement.GetProperty("has_more").GetBoolean());
        Assert.Equal(data[0].GetProperty("id").GetString(), doc.RootElement.GetProperty("first_id").GetString());
        Assert.Equal(data[data.GetArrayLength() - 1].GetProperty("id").GetString(), doc.RootElement.GetProperty("last_id").GetString());
    }

    [Theory]
    [InlineData("GET", "/v1/nothing")]
    [InlineData("GET", "/v1/messages")]
    [InlineData("POST", "/anything/v1/messages")]
    public async Task UnknownRoute_Any_Returns404NotFoundError(string method, string path)
    {
        await using var mock = await MockHarness.StartAsync();

        using var response = await mock.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("error", doc.RootElement.GetProperty("type").GetString());
        Assert.Equal("not_found_error", doc.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{\"messages\":[]}")]
    [InlineData("{\"model\":\"m\",\"messages\":[]} trailing")]
    public async Task Messages_BadBody_Returns400InvalidRequest(string body)
    {
        await using var mock = await MockHarness.StartAsync();

        using var response = await mock.Client.SendAsync(MockHarness.Post("/v1/messages", body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request_error", doc.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task ExpectedApiKey_WrongKey_Returns401AuthenticationError()
    {
        await using var mock = await MockHarness.StartAsync(new MockAnthropicOptions { ExpectedApiKey = "right" });

        using var wrong = await mock.Client.SendAsync(MockHarness.Post("/v1/messages", RequestBodies.Messages("hi")));
        using var rightRequest = MockHarness.Post("/v1/messages", RequestBodies.Messages("hi"));
        rightRequest.Headers.Remove("x-api-key");
        rightRequest.Headers.Add("x-api-key", "right");
        using var right = await mock.Client.SendAsync(rightRequest);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var doc = JsonDocument.Parse(await wrong.Content.ReadAsStringAsync());
        Assert.Equal("authentication_error", doc.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("invalid x-api-key", doc.RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }
}
