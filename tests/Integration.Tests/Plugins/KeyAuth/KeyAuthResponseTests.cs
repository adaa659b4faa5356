using System.Net;
using System.Text.Json;
using Gateway.Integration.Tests.Infrastructure;
using Gateway.Integration.Tests.Plugins.FileLog;

namespace Gateway.Integration.Tests.Plugins.KeyAuth;

/// <summary>key-auth's answers through the real host: Kong's 401 messages and challenge, duplicates, anonymous,
/// preflights, and the consumer headers the upstream gets.</summary>
public sealed class KeyAuthResponseTests : IDisposable
{
    private readonly TempFolder _logs = new();

    public void Dispose() => _logs.Dispose();

    private async Task<(TestUpstream, GatewayTestHost)> StartAsync(string keyAuthConfig = "{}")
    {
        var upstream = await TestUpstream.StartAsync();
        var gateway = await GatewayTestHost.StartAsync(TeamConfig.Yaml(upstream.Port, _logs.File("log.json"), keyAuthConfig));
        return (upstream, gateway);
    }

    [Theory]
    [InlineData(null, "No API key found in request")]
    [InlineData("", "No API key found in request")]
    [InlineData("not-a-key", "Unauthorized")]
    [InlineData(TeamConfig.AlexKey + "x", "Unauthorized")]
    [InlineData("alex-personal-key-7f3a9", "Unauthorized")]
    public async Task Request_WithoutAValidKey_Is401WithKongsMessageAndChallenge_AndNeverReachesTheUpstream(string? key, string message)
    {
        var (upstream, gateway) = await StartAsync();
        await using var _ = upstream;
        await using var __ = gateway;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/r/x");
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("apikey", key);
        }

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Key", response.Headers.WwwAuthenticate.Single().ToString());
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(JsonSerializer.Serialize(new { message }), await response.Content.ReadAsStringAsync());
        Assert.Empty(upstream.Received);
    }

    [Fact]
    public async Task Request_WithoutKey_RealmIsInTheChallenge()
    {
        var (upstream, gateway) = await StartAsync("{realm: team-gateway}");
        await using var _ = upstream;
        await using var __ = gateway;

        using var response = await gateway.Client.GetAsync("/r");

        Assert.Equal("Key realm=\"team-gateway\"", response.Headers.WwwAuthenticate.Single().ToString());
    }

    [Fact]
    public async Task Request_WithTheKeyTwice_IsRefusedAsADuplicate()
    {
        var (upstream, gateway) = await StartAsync();
        await using var _ = upstream;
        await using var __ = gateway;

        using var response = await gateway.Client.GetAsync($"/r?apikey={TeamConfig.AlexKey}&apikey={TeamConfig.BoKey}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Duplicate API key found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_WithAValidKey_ReachesTheUpstreamWithKongsConsumerHeaders_SpoofedOnesReplaced()
    {
        var (upstream, gateway) = await StartAsync();
        await using var _ = upstream;
        await using var __ = gateway;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/r/x");
        request.Headers.Add("apikey", TeamConfig.AlexKey);
        request.Headers.Add("X-Consumer-Username", "admin");
        request.Headers.Add("X-Anonymous-Consumer", "true");
        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headers = Assert.Single(upstream.Received).Headers;
        Assert.Equal(TeamConfig.AlexId, headers["x-consumer-id"]);
        Assert.Equal("alex", headers["x-consumer-username"]);
        Assert.Equal("emp-001", headers["x-consumer-custom-id"]);
        Assert.Equal("0c0ffee0-0000-4000-8000-000000000001", headers["x-credential-identifier"]);
        Assert.False(headers.ContainsKey("x-anonymous-consumer"));
        // Kong 3.13's default keeps the key on the upstream request (hide_credentials: false).
        Assert.Equal(TeamConfig.AlexKey, headers["apikey"]);
    }

    [Fact]
    public async Task Request_WithoutKey_WithAnonymous_PassesAsTheAnonymousConsumer()
    {
        var (upstream, gateway) = await StartAsync("{anonymous: guest}");
        await using var _ = upstream;
        await using var __ = gateway;

        using var response = await gateway.Client.GetAsync("/r");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headers = Assert.Single(upstream.Received).Headers;
        Assert.Equal("guest", headers["x-consumer-username"]);
        Assert.Equal("true", headers["x-anonymous-consumer"]);
        Assert.False(headers.ContainsKey("x-credential-identifier"));
    }

    [Fact]
    public async Task Request_WithoutKey_WithAnAnonymousConsumerThatDoesNotExist_Is500WithKongsMessage()
    {
        var (upstream, gateway) = await StartAsync("{anonymous: nobody}");
        await using var _ = upstream;
        await using var __ = gateway;

        using var response = await gateway.Client.GetAsync("/r");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"message":"anonymous consumer nobody is configured but doesn't exist"}""", await response.Content.ReadAsStringAsync());
        Assert.Empty(upstream.Received);
    }

    [Theory]
    [InlineData(true, HttpStatusCode.Unauthorized)]
    [InlineData(false, HttpStatusCode.OK)]
    public async Task Preflight_WithoutKey_IsAuthenticatedOnlyWhenRunOnPreflight(bool runOnPreflight, HttpStatusCode expected)
    {
        var (upstream, gateway) = await StartAsync($"{{run_on_preflight: {(runOnPreflight ? "true" : "false")}}}");
        await using var _ = upstream;
        await using var __ = gateway;

        using var response = await gateway.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/r"));

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("{key_names: [\"bad name\"]}", "key_names[0]")]
    [InlineData("{key_names: []}", "key_names must name at least one")]
    [InlineData("{key_names: null}", "key_names")]
    [InlineData("{key_names: [\"\"]}", "key_names[0]")]
    [InlineData("{key_names: [null]}", "key_names[0]")]
    [InlineData("{realm: \"a\\\"b\"}", "realm must not contain")]
    [InlineData("{colour: red}", "colour")]
    public async Task Config_Invalid_StopsStartupWithOneLineNamingTheField(string keyAuthConfig, string expected)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => GatewayTestHost.StartAsync(TeamConfig.Yaml(9, _logs.File("log.json"), keyAuthConfig)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
