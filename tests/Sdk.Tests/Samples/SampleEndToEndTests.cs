using System.Net;
using Gateway.Plugins.Testing;
using Gateway.Sdk.Tests.Infrastructure;

namespace Gateway.Sdk.Tests.Samples;

/// <summary>
/// CI for samples/RequestStamp, the standalone third-party plugin: it restores the packages through its own
/// nuget.config, its tests pass, and published into the gateway's drop-in folder it runs on the one route it is
/// attached to and not on another. Slow: restores, builds and publishes.
/// </summary>
[Collection(PluginSdkCollection.Name)]
public sealed class SampleEndToEndTests(PluginSdkFixture sdk)
{
    [Fact]
    public async Task SlowSdk_RequestStampSample_BuildsFromThePackagesPassesItsTestsAndRunsOnlyOnItsRoute()
    {
        // Copied beside the fixture's artifacts/packages, so "../../artifacts/packages" in its nuget.config is the
        // freshly packed feed, and its bin/ and obj/ stay out of the repository.
        var sample = Path.Combine(sdk.Work, "samples", "RequestStamp");
        CopySources(Path.Combine(RepoPaths.Root, "samples", "RequestStamp"), sample);
        var environment = sdk.AuthorEnvironment;

        var tested = await DotnetCli.RunAsync(sample, environment, "test", "--disable-build-servers");
        AuthorSteps.AssertEveryTestPassed(tested, Path.Combine(sample, "tests"));

        var dropIn = Path.Combine(sdk.GatewayFolder, "plugins", "RequestStamp");
        await DotnetCli.RunAsync(sample, environment, "publish", "src/RequestStamp", "-c", "Release", "-o", dropIn, "--disable-build-servers");
        AuthorSteps.AssertDropInLayout(dropIn, "RequestStamp");

        await using var upstream = await UpstreamServer.StartAsync(handler: null, CancellationToken.None);
        var config = Path.Combine(sdk.Work, "sample-kong.yaml");
        await File.WriteAllTextAsync(config, $"""
            _format_version: "3.0"
            services:
              - name: orders
                url: {upstream.Url}
                routes:
                  - name: stamped
                    paths: [/stamped]
                    plugins:
                      - name: request-stamp
                        config:
                          value: team-a
                  - name: plain
                    paths: [/plain]
            """);
        await using var gateway = await HostProcess.StartPublishedAsync(sdk.GatewayFolder, ["--config", config, "--urls", "http://127.0.0.1:0"]);
        using var client = new HttpClient { BaseAddress = gateway.BaseUri };

        using var stamped = await client.GetAsync(new Uri("/stamped", UriKind.Relative));
        using var plain = await client.GetAsync(new Uri("/plain", UriKind.Relative));
        var upstreamSaw = upstream.Requests;

        Assert.Equal(HttpStatusCode.OK, stamped.StatusCode);
        Assert.Equal(2, upstreamSaw.Count); // /stamped, then /plain (the route prefix is stripped)
        Assert.Equal("team-a", upstreamSaw[0].Headers["x-request-stamp"]);
        Assert.Equal(["team-a"], AuthorSteps.Values(stamped.Headers, "x-request-stamp"));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.False(upstreamSaw[1].Headers.ContainsKey("x-request-stamp"));
        Assert.Empty(AuthorSteps.Values(plain.Headers, "x-request-stamp"));
        Assert.Contains(
            gateway.StdoutLines,
            l => l.Contains($"Plugin request-stamp 1.0.0: priority 800, phases access,header_filter,log, assembly {Path.Combine(dropIn, "RequestStamp.dll")}", StringComparison.Ordinal));
    }

    /// <summary>The sample as checked in: no bin/ or obj/ a local build may have left beside it.</summary>
    private static void CopySources(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Contains("bin") || parts.Contains("obj"))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
