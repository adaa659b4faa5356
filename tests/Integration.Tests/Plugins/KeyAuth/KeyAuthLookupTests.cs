using System.Net;
using System.Text;
using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Plugins.KeyAuth;

/// <summary>Where key-auth finds the key (Kong's order: per name, header, then query, then body) and what
/// <c>hide_credentials</c> removes before the request goes upstream.</summary>
public sealed class KeyAuthLookupTests : IDisposable
{
    private readonly TempFolder _logs = new();

    public void Dispose() => _logs.Dispose();

    private async Task<(TestUpstream Upstream, GatewayTestHost Gateway)> StartAsync(string keyAuthConfig)
    {
        var upstream = await TestUpstream.StartAsync();
        return (upstream, await GatewayTestHost.StartAsync(TeamConfig.Yaml(upstream.Port, _logs.File("log.json"), keyAuthConfig)));
    }

    [Fact]
    public async Task Key_InTheQuery_WithHideCredentials_IsRemovedFromTheUpstreamQueryOnly()
    {
        var (upstream, gateway) = await StartAsync("{hide_credentials: true}");
        await using var _ = upstream;
        await using var __ = gateway;

        using var response = await gateway.Client.GetAsync($"/r/x?a=1&apikey={TeamConfig.AlexKey}&b=%20two");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(upstream.Received);
        Assert.Equal("/x?a=1&b=%20two", received.PathAndQuery);
        Assert.Equal("alex", received.Headers["x-consumer-username"]);
    }

    [Fact]
    public async Task Key_InAHeader_WithHideCredentials_IsRemovedFromTheUpstreamHeaders()
    {
        var (upstream, gateway) = await StartAsync("{hide_credentials: true, key_names: [x-team-key]}");
        await using var _ = upstream;
        await using var __ = gateway;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/r");
        request.Headers.Add("X-Team-Key", TeamConfig.BoKey);
        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(upstream.Received);
        Assert.False(received.Headers.ContainsKey("x-team-key"));
        Assert.Equal("bo", received.Headers["x-consumer-username"]);
    }

    [Theory]
    [InlineData("application/json", "{\"prompt\":\"hi\",\"apikey\":\"" + TeamConfig.AlexKey + "\"}", "{\"prompt\":\"hi\"}")]
    [InlineData("application/x-www-form-urlencoded", "prompt=hi&apikey=" + TeamConfig.AlexKey, "prompt=hi")]
    public async Task Key_InTheBody_IsFoundWhenKeyInBody_AndHiddenFromTheUpstreamBody(string contentType, string body, string upstreamBody)
    {
        var (upstream, gateway) = await StartAsync("{key_in_body: true, hide_credentials: true}");
        await using var _ = upstream;
        await using var __ = gateway;

        using var response = await gateway.Client.PostAsync("/r", new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(upstream.Received);
        Assert.Equal(upstreamBody, received.Body);
        Assert.Equal("alex", received.Headers["x-consumer-username"]);
    }

    [Fact]
    public async Task Key_InTheBody_IsIgnoredByDefault()
    {
        var (upstream, gateway) = await StartAsync("{}");
        await using var _ = upstream;
        await using var __ = gateway;

        using var response = await gateway.Client.PostAsync("/r", new StringContent("{\"apikey\":\"" + TeamConfig.AlexKey + "\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(false, true, HttpStatusCode.OK)]
    [InlineData(true, false, HttpStatusCode.Unauthorized)]
    public async Task Key_InTheQuery_IsUsedOnlyWhenKeyInQuery(bool header, bool query, HttpStatusCode expected)
    {
        var (upstream, gateway) = await StartAsync($"{{key_in_header: {header.ToString().ToLowerInvariant()}, key_in_query: {query.ToString().ToLowerInvariant()}}}");
        await using var _ = upstream;
        await using var __ = gateway;

        using var response = await gateway.Client.GetAsync($"/r?apikey={TeamConfig.AlexKey}");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task KeyNames_AreTriedInOrder_TheFirstNameFoundDecides()
    {
        var (upstream, gateway) = await StartAsync("{key_names: [x-api-key, authorization]}");
        await using var _ = upstream;
        await using var __ = gateway;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/r");
        request.Headers.Add("x-api-key", TeamConfig.BoKey);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + TeamConfig.AlexKey);
        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bo", Assert.Single(upstream.Received).Headers["x-consumer-username"]);
    }

    [Theory]
    [InlineData("Bearer " + TeamConfig.AlexKey, HttpStatusCode.OK)]
    [InlineData("bearer " + TeamConfig.AlexKey, HttpStatusCode.OK)]
    [InlineData(TeamConfig.AlexKey, HttpStatusCode.OK)]
    [InlineData("Basic " + TeamConfig.AlexKey, HttpStatusCode.Unauthorized)]
    public async Task AuthorizationKeyName_AcceptsABearerToken(string authorization, HttpStatusCode expected)
    {
        var (upstream, gateway) = await StartAsync("{key_names: [x-api-key, authorization], hide_credentials: true}");
        await using var _ = upstream;
        await using var __ = gateway;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/r");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.False(Assert.Single(upstream.Received).Headers.ContainsKey("authorization"));
        }
    }
}
