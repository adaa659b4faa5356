using System.Net.Http.Headers;
using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Loading;

/// <summary>
/// The folder <c>dotnet publish src/Host -o DIR</c> leaves is a runnable gateway, with the bundled plugins in
/// <c>DIR/plugins/</c> and a drop-in plugin picked up from <c>DIR/plugins/&lt;Name&gt;/&lt;Name&gt;.dll</c>. Slow: the
/// fixture publishes the host once, which takes tens of seconds.
/// </summary>
public sealed class PublishedGatewayTests(PublishedGatewayFixture published) : IClassFixture<PublishedGatewayFixture>, IAsyncLifetime
{
    private const string StampSource = """
        using Gateway.Plugins;
        internal sealed class StampPlugin : IGatewayPlugin, IHeaderFilterPhase
        {
            public string Name => "stamp";
            public int Priority => 5;
            public string Version => "2.3.4";
            public System.Type ConfigType => typeof(StampConfig);
            public System.Threading.Tasks.ValueTask HeaderFilterAsync(PluginContext context)
            {
                context.HttpContext.Response.Headers["X-Stamp"] = "dropped-in";
                return default;
            }
        }
        internal sealed record StampConfig;
        """;

    private readonly TempFolder _work = new();
    private TestUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await TestUpstream.StartAsync();

    [Fact]
    public async Task SlowPublish_PublishedFolder_ServesWithBundledPluginsThenLoadsADroppedInPluginOnItsRouteOnly()
    {
        var logFile = _work.File("access.log");
        var bundledOnly = _work.Write("bundled.yaml", $"""
            _format_version: "3.0"
            services:
              - name: s
                url: {_upstream.BaseUri}
                routes:
                  - name: logged
                    paths: [/logged]
                    plugins:
                      - name: file-log
                        config:
                          path: {logFile}
            """);

        await using (var host = await HostProcess.StartPublishedAsync(published.Folder, ["--config", bundledOnly, "--urls", "http://127.0.0.1:0"]))
        {
            using var client = new HttpClient { BaseAddress = host.BaseUri };
            using var response = await client.GetAsync(new Uri("/logged", UriKind.Relative));

            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(
                host.StdoutLines,
                l => l.Contains($"Plugin file-log 1.0.0: priority 9, phases configure,log, assembly {Path.Combine(published.Folder, "plugins", "FileLog", "Gateway.Plugins.FileLog.dll")}", StringComparison.Ordinal));
            Assert.Contains(
                host.StdoutLines,
                l => l.Contains($"Plugin key-auth 1.0.0: priority 1250, phases access,header_filter, assembly {Path.Combine(published.Folder, "plugins", "KeyAuth", "Gateway.Plugins.KeyAuth.dll")}", StringComparison.Ordinal));
            Assert.Contains(
                host.StdoutLines,
                l => l.Contains($"Plugin ai-rate-limiting-advanced 1.0.0: priority 905, phases configure,access,header_filter,log, assembly {Path.Combine(published.Folder, "plugins", "AiRateLimitingAdvanced", "Gateway.Plugins.AiRateLimitingAdvanced.dll")}", StringComparison.Ordinal));
            Assert.Contains(
                host.StdoutLines,
                l => l.Contains($"Plugin prometheus 1.0.0: priority 13, phases log, assembly {Path.Combine(published.Folder, "plugins", "Prometheus", "Gateway.Plugins.Prometheus.dll")}", StringComparison.Ordinal));
            // Its Redis client travels with it, in its own folder.
            Assert.True(File.Exists(Path.Combine(published.Folder, "plugins", "AiRateLimitingAdvanced", "StackExchange.Redis.dll")));
        }

        var assembly = PluginCompiler.Compile(Path.Combine(published.Folder, "plugins", "Acme.Stamp"), "Acme.Stamp", StampSource);
        var withStamp = _work.Write("stamp.yaml", $"""
            _format_version: "3.0"
            services:
              - name: s
                url: {_upstream.BaseUri}
                routes:
                  - name: stamped
                    paths: [/stamped]
                    plugins:
                      - name: stamp
                  - name: plain
                    paths: [/plain]
            """);

        await using (var host = await HostProcess.StartPublishedAsync(published.Folder, ["--config", withStamp, "--urls", "http://127.0.0.1:0"]))
        {
            using var client = new HttpClient { BaseAddress = host.BaseUri };
            using var stamped = await client.GetAsync(new Uri("/stamped", UriKind.Relative));
            using var plain = await client.GetAsync(new Uri("/plain", UriKind.Relative));

            Assert.Equal(System.Net.HttpStatusCode.OK, stamped.StatusCode);
            Assert.Equal(["dropped-in"], Values(stamped.Headers, "X-Stamp"));
            Assert.Equal(System.Net.HttpStatusCode.OK, plain.StatusCode);
            Assert.Empty(Values(plain.Headers, "X-Stamp"));
            Assert.Contains(
                host.StdoutLines,
                l => l.Contains($"Plugin stamp 2.3.4: priority 5, phases header_filter, assembly {assembly}, contract {PluginCompiler.HostContractVersion}", StringComparison.Ordinal));
        }
    }

    public async Task DisposeAsync()
    {
        await _upstream.DisposeAsync();
        _work.Dispose();
    }

    private static string[] Values(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? [.. values] : [];
}
