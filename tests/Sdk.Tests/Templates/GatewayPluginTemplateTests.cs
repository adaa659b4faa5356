using System.Net;
using Gateway.Plugins.Testing;
using Gateway.Sdk.Tests.Infrastructure;

namespace Gateway.Sdk.Tests.Templates;

/// <summary>
/// Issue 10's "done when", as a new author without a clone of the gateway: with only the packages folder and a
/// published gateway, create a plugin from the template, test it, publish it into the drop-in folder, attach it
/// to one route in decK YAML and see it run there and nowhere else. Slow: restores, builds and publishes.
/// </summary>
[Collection(PluginSdkCollection.Name)]
public sealed class GatewayPluginTemplateTests(PluginSdkFixture sdk)
{
    [Fact]
    public async Task SlowSdk_NewPluginFromTheTemplate_TestsPassAsGeneratedAndItRunsOnlyOnItsRouteInThePublishedGateway()
    {
        var author = Path.Combine(sdk.Work, "template-author");
        var hive = Path.Combine(author, "template-hive");
        Directory.CreateDirectory(author);
        var environment = sdk.AuthorEnvironment;

        // The template goes into a hive of its own, never into the machine's list of installed templates.
        await DotnetCli.RunAsync(author, environment, "new", "install", Path.Combine(sdk.Feed, "Sluice.Plugin.Templates.1.0.0.nupkg"), "--debug:custom-hive", hive);
        await DotnetCli.RunAsync(author, environment, "new", "gateway-plugin", "-n", "Acme.Stamp", "--package-source", sdk.Feed, "--debug:custom-hive", hive);
        var project = Path.Combine(author, "Acme.Stamp");

        var tested = await DotnetCli.RunAsync(project, environment, "test", "--disable-build-servers");
        AuthorSteps.AssertEveryTestPassed(tested, Path.Combine(project, "tests"));

        var dropIn = Path.Combine(sdk.GatewayFolder, "plugins", "Acme.Stamp");
        await DotnetCli.RunAsync(project, environment, "publish", "src/Acme.Stamp", "-c", "Release", "-o", dropIn, "--disable-build-servers");
        AuthorSteps.AssertDropInLayout(dropIn, "Acme.Stamp");

        await using var upstream = await UpstreamServer.StartAsync(handler: null, CancellationToken.None);
        var config = Path.Combine(author, "kong.yaml");
        await File.WriteAllTextAsync(config, $"""
            _format_version: "3.0"
            services:
              - name: orders
                url: {upstream.Url}
                routes:
                  - name: stamped
                    paths: [/stamped]
                    plugins:
                      - name: acme-stamp
                        config:
                          value: team-a
                  - name: plain
                    paths: [/plain]
            """);
        await using var gateway = await HostProcess.StartPublishedAsync(sdk.GatewayFolder, ["--config", config, "--urls", "http://127.0.0.1:0"]);
        using var client = new HttpClient { BaseAddress = gateway.BaseUri };

        using var stamped = await client.GetAsync(new Uri("/stamped", UriKind.Relative));
        using var plain = await client.GetAsync(new Uri("/plain", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, stamped.StatusCode);
        Assert.Equal(["team-a"], AuthorSteps.Values(stamped.Headers, "x-acme-stamp"));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Empty(AuthorSteps.Values(plain.Headers, "x-acme-stamp"));
        // Both answers really came from the upstream, through the proxy.
        Assert.Equal(["GET", "GET"], upstream.Requests.Select(r => r.Method));
        Assert.Contains(
            gateway.StdoutLines,
            l => l.Contains($"Plugin acme-stamp 1.0.0: priority 800, phases header_filter, assembly {Path.Combine(dropIn, "Acme.Stamp.dll")}", StringComparison.Ordinal));
    }
}
