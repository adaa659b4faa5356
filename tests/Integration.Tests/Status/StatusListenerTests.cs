using System.Net.Sockets;
using System.Text.Json;
using Gateway.Host;
using Gateway.Host.Cli;
using Gateway.Host.Status;
using Gateway.Integration.Tests.Infrastructure;
using Gateway.Integration.Tests.Plugins.AiProxy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gateway.Integration.Tests.Status;

/// <summary>
/// The status listener (<c>--status-urls</c>, Kong's <c>status_listen</c>): Kong's <c>/status</c> and
/// <c>/status/ready</c> on their own port, never on the proxy's.
/// </summary>
public sealed class StatusListenerTests : IAsyncLifetime
{
    private static readonly string[] StatusArgs = ["--status-urls", "http://127.0.0.1:0"];
    private readonly HttpClient _status = new() { Timeout = TimeSpan.FromSeconds(15) };
    private readonly TempFolder _folder = new();
    private TestUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await TestUpstream.StartAsync();

    public async Task DisposeAsync()
    {
        _status.Dispose();
        _folder.Dispose();
        await _upstream.DisposeAsync();
    }

    private string Config => $"""
        _format_version: "3.0"
        services:
          - name: echo
            url: {_upstream.BaseUri}
            routes:
              - name: echo-route
                paths: [/echo]
        plugins:
          - name: prometheus
          - name: file-log
            config:
              path: {_folder.File("access.log")}
        """;

    [Fact]
    public async Task Status_AfterProxyTraffic_HasKongsShapeWithCountsConfigHashAndPlugins()
    {
        await using var gateway = await GatewayTestHost.StartAsync([Config], arguments: StatusArgs);
        for (var i = 0; i < 3; i++)
        {
            using var response = await gateway.Client.GetAsync(new Uri("/echo", UriKind.Relative));
            Assert.Equal(200, (int)response.StatusCode);
        }

        using var status = await _status.GetAsync(new Uri(gateway.StatusUri!, "/status"));
        Assert.Equal(200, (int)status.StatusCode);
        Assert.Equal("application/json; charset=utf-8", status.Content.Headers.ContentType!.ToString());
        using var body = JsonDocument.Parse(await status.Content.ReadAsStringAsync());
        var root = body.RootElement;
        var server = root.GetProperty("server");
        Assert.Equal(
            ["connections_active", "connections_reading", "connections_writing", "connections_waiting", "connections_accepted", "connections_handled", "total_requests"],
            server.EnumerateObject().Select(p => p.Name));
        Assert.True(server.GetProperty("total_requests").GetInt64() >= 3, server.ToString());
        Assert.True(server.GetProperty("connections_accepted").GetInt64() >= 1, server.ToString());
        Assert.True(server.GetProperty("connections_active").GetInt64() >= 1, "the client's keep-alive connection is open: " + server);
        var worker = Assert.Single(root.GetProperty("memory").GetProperty("workers_lua_vms").EnumerateArray());
        Assert.Matches(@"^\d+\.\d\d MiB$", worker.GetProperty("http_allocated_gc").GetString());
        Assert.Equal(Environment.ProcessId, worker.GetProperty("pid").GetInt32());
        var hash = root.GetProperty("configuration_hash").GetString();
        Assert.Matches("^[0-9a-f]{32}$", hash);
        Assert.NotEqual(ConfigurationHash.Empty, hash);
        var plugins = root.GetProperty("plugins");
        Assert.Equal(13, plugins.GetProperty("available_on_server").GetProperty("prometheus").GetProperty("priority").GetInt32());
        Assert.Equal("1.0.0", plugins.GetProperty("available_on_server").GetProperty("ai-proxy").GetProperty("version").GetString());
        Assert.Equal(["file-log", "prometheus"], plugins.GetProperty("enabled_in_cluster").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Status_Units_FollowKongsUnitAndScale_AndABadUnitIs400()
    {
        await using var gateway = await GatewayTestHost.StartAsync([Config], arguments: StatusArgs);

        using var bytes = JsonDocument.Parse(await _status.GetStringAsync(new Uri(gateway.StatusUri!, "/status?unit=b")));
        Assert.Equal(JsonValueKind.Number, bytes.RootElement.GetProperty("memory").GetProperty("workers_lua_vms")[0].GetProperty("http_allocated_gc").ValueKind);
        using var kib = JsonDocument.Parse(await _status.GetStringAsync(new Uri(gateway.StatusUri!, "/status?unit=k&scale=1")));
        Assert.Matches(@"^\d+\.\d KiB$", kib.RootElement.GetProperty("memory").GetProperty("workers_lua_vms")[0].GetProperty("http_allocated_gc").GetString());

        using var bad = await _status.GetAsync(new Uri(gateway.StatusUri!, "/status?unit=x"));
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Equal("""{"message":"invalid unit 'x' (expected 'k/K', 'm/M', or 'g/G')"}""", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_OnceStarted_Is200Ready()
    {
        await using var gateway = await GatewayTestHost.StartAsync([Config], arguments: StatusArgs);

        using var ready = await _status.GetAsync(new Uri(gateway.StatusUri!, "/status/ready"));

        Assert.Equal(200, (int)ready.StatusCode);
        Assert.Equal("""{"message":"ready"}""", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_EmptyConfig_Is503LikeKong()
    {
        await using var gateway = await GatewayTestHost.StartAsync(["_format_version: \"3.0\"\n"], arguments: StatusArgs);

        using var ready = await _status.GetAsync(new Uri(gateway.StatusUri!, "/status/ready"));

        Assert.Equal(503, (int)ready.StatusCode);
        Assert.Equal("""{"message":"no configuration available (empty configuration present)"}""", await ready.Content.ReadAsStringAsync());
        using var status = JsonDocument.Parse(await _status.GetStringAsync(new Uri(gateway.StatusUri!, "/status")));
        Assert.Equal(ConfigurationHash.Empty, status.RootElement.GetProperty("configuration_hash").GetString());
    }

    [Fact]
    public async Task Ready_WhileTheHostIsStillStarting_Is503_ThenTurns200()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var configPath = _folder.Write("kong.yaml", Config);
        var options = GatewayOptions.Parse(["--plugins", PluginCatalogFile.Write(_folder.Path), "--urls", "http://127.0.0.1:0", "--config", configPath, .. StatusArgs]);
        var app = await GatewayApp.BuildAsync(options, _ => null, CancellationToken.None, builder => builder.Services.AddHostedService(_ => new HeldStart(gate.Task)));
        await using (app)
        {
            var starting = app.StartAsync();
            var listener = app.Services.GetRequiredService<StatusListener>();
            await Eventually.TrueAsync(() => listener.Addresses.Count > 0, "the status listener never started");
            var statusUri = new Uri(listener.Addresses[0]);

            using (var early = await _status.GetAsync(new Uri(statusUri, "/status/ready")))
            {
                Assert.Equal(503, (int)early.StatusCode);
                Assert.Equal("""{"message":"proxy listener not yet started"}""", await early.Content.ReadAsStringAsync());
            }

            gate.SetResult();
            await starting;
            using var ready = await _status.GetAsync(new Uri(statusUri, "/status/ready"));
            Assert.Equal(200, (int)ready.StatusCode);
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Ready_WhileTheProxyDrainsAtShutdown_Is503Draining()
    {
        var gateway = await GatewayTestHost.StartAsync([Config], arguments: StatusArgs);
        var statusUri = gateway.StatusUri!;
        // Its own client: disposing the host disposes gateway.Client, which would cancel the request.
        using var client = new HttpClient { BaseAddress = gateway.BaseUri };
        var inFlight = client.GetAsync(new Uri("/echo/slow?ms=3000", UriKind.Relative));
        await Eventually.TrueAsync(() => _upstream.Received.Any(r => r.PathAndQuery.StartsWith("/slow", StringComparison.Ordinal)), "the slow request never reached the upstream");

        var stopping = gateway.DisposeAsync().AsTask();
        using var ready = await _status.GetAsync(new Uri(statusUri, "/status/ready"));

        Assert.Equal(503, (int)ready.StatusCode);
        Assert.Equal("""{"message":"draining"}""", await ready.Content.ReadAsStringAsync());
        Assert.False(stopping.IsCompleted, "the proxy should still be draining the in-flight request");
        using var drained = await inFlight;
        Assert.Equal(200, (int)drained.StatusCode);
        await stopping;
    }

    [Fact]
    public async Task StatusPaths_OnTheProxyListener_AreRoutedLikeAnyRequest_AndWithoutTheFlagThereIsNoStatusListener()
    {
        await using var gateway = await GatewayTestHost.StartAsync([Config]);

        Assert.Null(gateway.StatusUri);
        foreach (var path in new[] { "/status", "/status/ready", "/metrics" })
        {
            using var response = await gateway.Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(404, (int)response.StatusCode);
            Assert.Equal("""{"message":"no Route matched with those values"}""", (await response.Content.ReadAsStringAsync()).Trim());
        }
    }

    [Fact]
    public async Task StatusListener_UnknownPathIs404_AndAWriteIs405()
    {
        await using var gateway = await GatewayTestHost.StartAsync([Config], arguments: StatusArgs);

        using var unknown = await _status.GetAsync(new Uri(gateway.StatusUri!, "/echo"));
        Assert.Equal(404, (int)unknown.StatusCode);
        Assert.Equal("""{"message":"Not found"}""", await unknown.Content.ReadAsStringAsync());
        using var post = await _status.PostAsync(new Uri(gateway.StatusUri!, "/metrics"), new StringContent("x"));
        Assert.Equal(405, (int)post.StatusCode);
    }

    [Fact]
    public async Task StatusPortInUse_IsOneErrorLineAndExit1()
    {
        using var taken = new TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var (code, _, stderr) = await HostProcess.RunAsync(["--plugins", PluginCatalogFile.Write(_folder.Path), "--config", _folder.Write("kong.yaml", Config), "--urls", "http://127.0.0.1:0", "--status-urls", $"http://127.0.0.1:{port}"]);

        Assert.Equal(1, code);
        var error = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", error, StringComparison.Ordinal);
    }

    /// <summary>A hosted service whose start waits for the test: the host is not started until it returns.</summary>
    private sealed class HeldStart(Task gate) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => gate.WaitAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
