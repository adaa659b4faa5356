using System.Net;
using System.Text;
using Gateway.Plugins.Testing.Tests.Plugins;
using Microsoft.AspNetCore.Http;

namespace Gateway.Plugins.Testing.Tests;

public sealed class PluginTestGatewayTests
{
    private static string Yaml(string stampConfig = "{}", string extraPlugins = "") => $$$"""
        _format_version: "3.0"
        services:
          - name: upstream
            url: ${{ env "DECK_UPSTREAM_URL" }}
            routes:
              - name: stamped
                paths: [/stamped]
                plugins:
                  - name: stamp
                    config: {{{stampConfig}}}
              - name: plain
                paths: [/plain]
        {{{extraPlugins}}}
        """;

    [Fact]
    public async Task Request_OnRouteWithPlugin_RunsEveryPhaseThroughTheRealPipeline()
    {
        await using var gateway = await PluginTestGateway.StartAsync(Yaml("{header_name: x-stamp, value: abc}"), o => o.AddPlugin<StampPlugin>());

        using var response = await gateway.Client.PostAsync("/stamped/hello?q=1", new StringContent("payload", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("abc", response.Headers.GetValues("x-stamp").Single());
        Assert.Equal("payload", await response.Content.ReadAsStringAsync()); // the default upstream echoes
        var seen = Assert.Single(gateway.UpstreamRequests);
        Assert.Equal("POST", seen.Method);
        Assert.Equal("/hello?q=1", seen.PathAndQuery); // Kong's strip_path default
        Assert.Equal("abc", seen.Headers["X-Stamp"]);
        Assert.Equal("payload", seen.BodyText);

        var entry = await gateway.NextLogEntryAsync();
        Assert.Equal("abc", entry.GetProperty("stamp").GetProperty("access").GetString());
        Assert.Equal(200, entry.GetProperty("stamp").GetProperty("upstream_status").GetInt32());
        // The host's serializer wrote it, not the plugin: Kong's fields are there, keyed as Kong keys them.
        Assert.Equal(200, entry.GetProperty("response").GetProperty("status").GetInt32());
        Assert.Equal("stamped", entry.GetProperty("route").GetProperty("name").GetString());
        Assert.Equal(response.Headers.GetValues("X-Kong-Request-Id").Single(), entry.GetProperty("request").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Request_OnRouteWithoutPlugin_IsNotTouchedByIt()
    {
        await using var gateway = await PluginTestGateway.StartAsync(Yaml(), o => o.AddPlugin<StampPlugin>());

        using var response = await gateway.Client.GetAsync("/plain/x");

        Assert.False(response.Headers.Contains("x-stamp"));
        Assert.False(Assert.Single(gateway.UpstreamRequests).Headers.ContainsKey("x-stamp"));
        Assert.False((await gateway.NextLogEntryAsync()).TryGetProperty("stamp", out _));
    }

    [Fact]
    public async Task UseUpstream_Delegate_AnswersAndBodyFilterSeesItsBytes()
    {
        await using var gateway = await PluginTestGateway.StartAsync(Yaml("{uppercase: true}"), o => o
            .AddPlugin<StampPlugin>()
            .UseUpstream(async http =>
            {
                http.Response.StatusCode = 201;
                http.Response.ContentType = "text/plain";
                await http.Response.WriteAsync("from upstream");
            }));

        using var response = await gateway.Client.GetAsync("/stamped/");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("FROM UPSTREAM", await response.Content.ReadAsStringAsync());
        Assert.Equal(201, (await gateway.NextLogEntryAsync()).GetProperty("stamp").GetProperty("upstream_status").GetInt32());
    }

    [Fact]
    public async Task UseUpstream_Url_SendsThereAndRecordsNothing()
    {
        await using var own = await PluginTestGateway.StartAsync(Yaml(), o => o.AddPlugin<StampPlugin>().UseUpstream(async http => await http.Response.WriteAsync("own server")));
        await using var gateway = await PluginTestGateway.StartAsync(Yaml(), o => o.AddPlugin<StampPlugin>().UseUpstream(new Uri($"{own.BaseAddress}plain")));

        using var response = await gateway.Client.GetAsync("/plain/");

        Assert.Equal("own server", await response.Content.ReadAsStringAsync());
        Assert.Empty(gateway.UpstreamRequests);
        Assert.Single(own.UpstreamRequests);
    }

    [Fact]
    public async Task Exit_InAccess_SkipsTheUpstreamAndLogsTheExitStatus()
    {
        await using var gateway = await PluginTestGateway.StartAsync(Yaml("{reject_with: 403}"), o => o.AddPlugin<StampPlugin>());

        using var response = await gateway.Client.GetAsync("/stamped/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"message":"stamped out"}""", await response.Content.ReadAsStringAsync());
        Assert.Empty(gateway.UpstreamRequests);
        var entry = await gateway.NextLogEntryAsync();
        Assert.Equal(403, entry.GetProperty("response").GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Environment_ReachesTheYamlPlaceholders()
    {
        await using var gateway = await PluginTestGateway.StartAsync(
            Yaml("""{value: '${{ env "DECK_STAMP" }}'}"""),
            o =>
            {
                o.AddPlugin<StampPlugin>();
                o.Environment["DECK_STAMP"] = "from-env";
            });

        using var response = await gateway.Client.GetAsync("/stamped/");

        Assert.Equal("from-env", response.Headers.GetValues("x-stamp").Single());
    }

    [Fact]
    public async Task AddBundledPlugins_LoadsTheShippedPluginsBesideThePluginUnderTest()
    {
        var logFile = Path.Combine(Path.GetTempPath(), $"plugin-testing-{Guid.NewGuid():N}.log");
        try
        {
            var yaml = Yaml(extraPlugins: $$"""
                plugins:
                  - name: file-log
                    config: { path: {{logFile}} }
                """);
            await using (var gateway = await PluginTestGateway.StartAsync(yaml, o => o.AddPlugin<StampPlugin>().AddBundledPlugins()))
            {
                using var response = await gateway.Client.GetAsync("/stamped/");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                await gateway.NextLogEntryAsync();
            }

            // file-log (loaded from its own folder, in its own load context) wrote the same entry, with the
            // stamp plugin's fields in it.
            var line = Assert.Single(await File.ReadAllLinesAsync(logFile));
            Assert.Contains("\"stamp\":{\"access\":\"stamped\"", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(logFile);
        }
    }

    [Fact]
    public async Task StartAsync_PluginNotAdded_FailsNamingThePlugin()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => PluginTestGateway.StartAsync(Yaml()));

        Assert.Contains("plugin 'stamp' is not loaded", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_InvalidConfig_FailsWithTheGatewaysValidationError()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => PluginTestGateway.StartAsync(Yaml("{header_name: 'Bad Name'}"), o => o.AddPlugin<StampPlugin>()));

        Assert.Contains("config.header_name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ConfigurePhaseThrows_FailsNamingThePluginAndReason()
    {
        var yaml = """
            _format_version: "3.0"
            plugins:
              - name: fragile
            """;

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => PluginTestGateway.StartAsync(yaml, o => o.AddPlugin<FragilePlugin>()));

        Assert.Contains("plugin 'fragile': configure failed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cannot open the key file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPlugin_NotAPluginType_FailsNamingTheType()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => PluginTestGateway.StartAsync(Yaml(), o => o.AddPlugin(typeof(StampConfig))));

        Assert.Contains(typeof(StampConfig).FullName!, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextLogEntryAsync_EntryCannotBeSerialized_ThrowsWithTheReasonInsteadOfTimingOut()
    {
        var yaml = """
            _format_version: "3.0"
            services:
              - name: upstream
                url: ${{ env "DECK_UPSTREAM_URL" }}
                routes:
                  - name: r
                    paths: [/]
            plugins:
              - name: unserializable
            """;
        await using var gateway = await PluginTestGateway.StartAsync(yaml, o => o.AddPlugin<UnserializablePlugin>());

        using var response = await gateway.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => gateway.NextLogEntryAsync());
        Assert.Contains("not today", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextLogEntryAsync_NoRequest_TimesOut()
    {
        await using var gateway = await PluginTestGateway.StartAsync(Yaml(), o => o.AddPlugin<StampPlugin>());

        await Assert.ThrowsAsync<TimeoutException>(() => gateway.NextLogEntryAsync(TimeSpan.FromMilliseconds(200)));
    }
}
