using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Docs;

/// <summary>Keeps docs/plugin-authoring.md honest: its example plugin is compiled and run as written.</summary>
public sealed partial class PluginAuthoringDocTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Docs_ExamplePlugin_CompilesLoadsAndRuns()
    {
        var doc = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "plugin-authoring.md"));
        var section = doc[doc.IndexOf("## 2. Write the code", StringComparison.Ordinal)..];
        var source = CSharpBlock().Match(section).Groups[1].Value;
        var path = PluginCompiler.Compile(_folder.File("RequestStamp"), "RequestStamp", source);
        await using var upstream = await TestUpstream.StartAsync();
        var plugins = new Dictionary<string, string> { ["request-stamp"] = path };
        await using var gateway = await GatewayTestHost.StartAsync(
            [$$"""
            _format_version: "3.0"
            services:
              - name: echo
                url: http://127.0.0.1:{{upstream.Port}}
                routes:
                  - name: r
                    paths: ["/"]
            plugins:
              - name: request-stamp
                config:
                  value: team-a
            """],
            plugins: plugins);

        using var response = await gateway.Client.GetAsync("/hello");
        var seen = (await response.Content.ReadFromJsonAsync<EchoedRequest>())!;
        using var blocked = new HttpRequestMessage(HttpMethod.Get, "/hello");
        blocked.Headers.Add("x-block-me", "1");
        using var blockedResponse = await gateway.Client.SendAsync(blocked);

        Assert.Equal("team-a", seen.Headers["x-stamped-by"]);
        Assert.Equal("team-a", response.Headers.GetValues("x-stamped-by").Single());
        Assert.Equal(403, (int)blockedResponse.StatusCode);
        Assert.Equal("{\"message\":\"blocked by request-stamp\"}", await blockedResponse.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
