namespace Gateway.Packaging.Tests.Infrastructure;

/// <summary>
/// A plugin and its xUnit project as an outside author writes them: no file of this repository, only the packages
/// from a folder feed (nuget.config) and nuget.org for everything else. Restores into its own packages folder, so
/// a package of the same version cached by an earlier run can never stand in for the one just packed.
/// </summary>
internal static class ThirdPartyPlugin
{
    public const string Name = "Acme.Stamp";

    public static string Write(string root, string feed, IReadOnlyDictionary<string, string> versions)
    {
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(root, ".packages")}" />
              </config>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="Sluice.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);

        // A plain PackageReference, nothing else: no EnableDynamicLoading, no FrameworkReference, no
        // Private/ExcludeAssets. The package's build file is meant to supply all of it.
        WriteFile(root, $"{Name}/{Name}.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Sluice.Plugin.Abstractions" Version="1.0.0" />
                <InternalsVisibleTo Include="Acme.Stamp.Tests" />
              </ItemGroup>
            </Project>
            """);
        WriteFile(root, $"{Name}/StampPlugin.cs", """
            using System.ComponentModel.DataAnnotations;
            using Gateway.Plugins;

            namespace Acme.Stamp;

            internal sealed class StampPlugin : IGatewayPlugin, IAccessPhase, ILogPhase
            {
                public string Name => "stamp";
                public int Priority => 900;
                public string Version => "1.0.0";
                public Type ConfigType => typeof(StampConfig);

                public ValueTask AccessAsync(PluginContext context)
                {
                    var config = context.GetConfig<StampConfig>();
                    context.HttpContext.Request.Headers[config.HeaderName] = config.Value;
                    return ValueTask.CompletedTask;
                }

                public ValueTask LogAsync(PluginContext context)
                {
                    context.SetSerializeValue("stamp.value", context.GetConfig<StampConfig>().Value);
                    return ValueTask.CompletedTask;
                }
            }

            internal sealed record StampConfig
            {
                [Required]
                [RegularExpression("^[a-z][a-z0-9-]*$")]
                public string HeaderName { get; init; } = "x-stamp";

                public string Value { get; init; } = "stamped";
            }
            """);

        WriteFile(root, $"{Name}.Tests/{Name}.Tests.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <IsPackable>false</IsPackable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Sluice.Plugin.Testing" Version="1.0.0" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="{versions["Microsoft.NET.Test.Sdk"]}" />
                <PackageReference Include="xunit" Version="{versions["xunit"]}" />
                <PackageReference Include="xunit.runner.visualstudio" Version="{versions["xunit.runner.visualstudio"]}" />
                <ProjectReference Include="../{Name}/{Name}.csproj" />
                <Using Include="Xunit" />
              </ItemGroup>
            </Project>
            """);
        WriteFile(root, $"{Name}.Tests/StampPluginTests.cs", """"
            using System.Net;
            using Gateway.Plugins.Testing;

            namespace Acme.Stamp.Tests;

            public sealed class StampPluginTests
            {
                private const string Yaml = """
                    _format_version: "3.0"
                    services:
                      - name: echo
                        url: ${{ env "DECK_UPSTREAM_URL" }}
                        routes:
                          - name: stamped
                            paths: [/stamped]
                            plugins:
                              - name: stamp
                                config: { header_name: x-acme, value: '${{ env "DECK_STAMP" }}' }
                          - name: plain
                            paths: [/plain]
                    """;

                [Fact]
                public async Task Stamp_OnItsRoute_ReachesTheUpstreamAndTheLog()
                {
                    await using var gateway = await PluginTestGateway.StartAsync(Yaml, options =>
                    {
                        options.AddPlugin<StampPlugin>();
                        options.Environment["DECK_STAMP"] = "acme-1";
                    });

                    using var response = await gateway.Client.GetAsync("/stamped/x");

                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.Equal("acme-1", gateway.UpstreamRequests.Single().Headers["x-acme"]);
                    var entry = await gateway.NextLogEntryAsync();
                    Assert.Equal("acme-1", entry.GetProperty("stamp").GetProperty("value").GetString());
                    Assert.Equal(200, entry.GetProperty("response").GetProperty("status").GetInt32());
                }

                [Fact]
                public async Task Stamp_WithBundledFileLog_IsInTheLineFileLogWrites()
                {
                    var file = Path.Combine(Path.GetTempPath(), $"acme-{Guid.NewGuid():N}.log");
                    var yaml = Yaml + $"\nplugins:\n  - name: file-log\n    config: {{ path: {file} }}\n";
                    await using (var gateway = await PluginTestGateway.StartAsync(yaml, options =>
                    {
                        options.AddPlugin<StampPlugin>().AddBundledPlugins();
                        options.Environment["DECK_STAMP"] = "acme-2";
                        options.UseUpstream(async http => { http.Response.StatusCode = 202; await http.Response.Body.FlushAsync(); });
                    }))
                    {
                        using var response = await gateway.Client.GetAsync("/stamped/x");
                        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                        await gateway.NextLogEntryAsync();
                    }

                    var line = File.ReadAllLines(file).Single();
                    File.Delete(file);
                    Assert.Contains("\"stamp\":{\"value\":\"acme-2\"}", line);
                }

                [Fact]
                public void Config_BadHeaderName_IsRefusedLikeTheGatewayDoes()
                {
                    var errors = PluginConfig.Validate<StampConfig>("""{"header_name": "Not Valid"}""");

                    Assert.StartsWith("config.header_name: ", Assert.Single(errors));
                }
            }
            """");
        return root;
    }

    private static void WriteFile(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
