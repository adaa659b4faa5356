using System.Net;
using System.Text.Json;
using Gateway.Integration.Tests.Infrastructure;
using Gateway.Integration.Tests.Plugins.FileLog;

namespace Gateway.Integration.Tests.Plugins.KeyAuth;

/// <summary>What file-log writes for authenticated requests: Kong's <c>consumer</c> and
/// <c>authenticated_entity</c>, and never the key, wherever the client put it.</summary>
public sealed class KeyAuthLogTests : IDisposable
{
    private readonly TempFolder _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task Line_AuthenticatedRequest_HasKongsConsumerAndAuthenticatedEntity()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(TeamConfig.Yaml(upstream.Port, _logs.File("log.json")));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/r");
        request.Headers.Add("apikey", TeamConfig.AlexKey);
        using var response = await gateway.Client.SendAsync(request);

        var line = Assert.Single(await LogFile.WaitForLinesAsync(_logs.File("log.json"), 1));
        var entry = JsonDocument.Parse(line).RootElement;
        Assert.Equal(
            $$"""{"id":"{{TeamConfig.AlexId}}","username":"alex","custom_id":"emp-001","tags":["team-a"]}""",
            entry.GetProperty("consumer").GetRawText());
        Assert.Equal(
            $$"""{"id":"0c0ffee0-0000-4000-8000-000000000001","consumer_id":"{{TeamConfig.AlexId}}"}""",
            entry.GetProperty("authenticated_entity").GetRawText());
        Assert.Equal("REDACTED", entry.GetProperty("request").GetProperty("headers").GetProperty("apikey").GetString());
        Assert.DoesNotContain(TeamConfig.AlexKey, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Line_KeyInTheQueryString_IsRedactedInQuerystringUriUrlAndUpstreamUri()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(TeamConfig.Yaml(upstream.Port, _logs.File("log.json")));

        using var response = await gateway.Client.GetAsync($"/r/x?a=1&apikey={TeamConfig.AlexKey}&b=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Kong 3.13's default passes the key on (hide_credentials: false): the upstream gets it, the log does not.
        Assert.Contains(TeamConfig.AlexKey, Assert.Single(upstream.Received).PathAndQuery, StringComparison.Ordinal);
        var line = Assert.Single(await LogFile.WaitForLinesAsync(_logs.File("log.json"), 1));
        Assert.DoesNotContain(TeamConfig.AlexKey, line, StringComparison.Ordinal);
        var entry = JsonDocument.Parse(line).RootElement;
        var logged = entry.GetProperty("request");
        Assert.Equal("""{"a":"1","apikey":"REDACTED","b":"2"}""", logged.GetProperty("querystring").GetRawText());
        Assert.Equal("/r/x?a=1&apikey=REDACTED&b=2", logged.GetProperty("uri").GetString());
        Assert.EndsWith("/r/x?a=1&apikey=REDACTED&b=2", logged.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("/x?a=1&apikey=REDACTED&b=2", entry.GetProperty("upstream_uri").GetString());
    }

    [Fact]
    public async Task Line_WrongKeyInTheQueryString_IsRedactedToo()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(TeamConfig.Yaml(upstream.Port, _logs.File("log.json")));

        // A near miss of a real key is as sensitive as the key itself.
        const string nearMiss = TeamConfig.AlexKey + "0";
        using var response = await gateway.Client.GetAsync($"/r?apikey={nearMiss}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var line = Assert.Single(await LogFile.WaitForLinesAsync(_logs.File("log.json"), 1));
        Assert.DoesNotContain(TeamConfig.AlexKey, line, StringComparison.Ordinal);
        var entry = JsonDocument.Parse(line).RootElement;
        Assert.Equal("kong", entry.GetProperty("source").GetString());
        Assert.False(entry.TryGetProperty("consumer", out _));
        Assert.False(entry.TryGetProperty("authenticated_entity", out _));
    }

    [Fact]
    public async Task Line_AnonymousConsumer_HasConsumerButNoAuthenticatedEntity()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(TeamConfig.Yaml(upstream.Port, _logs.File("log.json"), "{anonymous: guest}"));

        using var response = await gateway.Client.GetAsync("/r");

        var entry = JsonDocument.Parse(Assert.Single(await LogFile.WaitForLinesAsync(_logs.File("log.json"), 1))).RootElement;
        Assert.Equal("guest", entry.GetProperty("consumer").GetProperty("username").GetString());
        Assert.False(entry.GetProperty("consumer").TryGetProperty("custom_id", out _));
        Assert.False(entry.TryGetProperty("authenticated_entity", out _));
    }

    [Fact]
    public async Task Line_FileLogCustomFieldCopyingTheKeyArgument_ShowsRedacted()
    {
        await using var upstream = await TestUpstream.StartAsync();
        var yaml = TeamConfig.Yaml(upstream.Port, _logs.File("log.json")).Replace(
            "config: {path: " + _logs.File("log.json") + "}",
            "config: {path: " + _logs.File("log.json") + ", custom_fields: {client_key: \"$(query.apikey)\", other: \"$(query.b)\"}}",
            StringComparison.Ordinal);
        await using var gateway = await GatewayTestHost.StartAsync(yaml);

        using var response = await gateway.Client.GetAsync($"/r?apikey={TeamConfig.AlexKey}&b=two");

        var line = Assert.Single(await LogFile.WaitForLinesAsync(_logs.File("log.json"), 1));
        var entry = JsonDocument.Parse(line).RootElement;
        Assert.Equal(("REDACTED", "two"), (entry.GetProperty("client_key").GetString(), entry.GetProperty("other").GetString()));
        Assert.DoesNotContain(TeamConfig.AlexKey, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Line_EveryKeyNameSent_IsRedactedEvenTheOnesNotUsed()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync(TeamConfig.Yaml(upstream.Port, _logs.File("log.json"), "{key_names: [x-team-key, backup_key]}"));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/r?backup_key={TeamConfig.BoKey}");
        request.Headers.Add("X-Team-Key", TeamConfig.AlexKey);
        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = Assert.Single(await LogFile.WaitForLinesAsync(_logs.File("log.json"), 1));
        Assert.DoesNotContain(TeamConfig.AlexKey, line, StringComparison.Ordinal);
        Assert.DoesNotContain(TeamConfig.BoKey, line, StringComparison.Ordinal);
        Assert.Equal("alex", JsonDocument.Parse(line).RootElement.GetProperty("consumer").GetProperty("username").GetString());
    }
}
