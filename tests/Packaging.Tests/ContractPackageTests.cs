using System.IO.Compression;
using System.Xml.Linq;
using Gateway.Plugins.Testing;

namespace Gateway.Packaging.Tests;

[Collection(PackedFeedCollection.Name)]
public sealed class ContractPackageTests(PackedFeed packages)
{
    private const string ContractDll = "Gateway.Plugin.Abstractions.dll";

    [Fact]
    public async Task PluginProject_WithAPlainPackageReference_PublishesALoadablePluginWithoutTheContract()
    {
        var project = Path.Combine(packages.Author, ThirdPartyPlugin.Name);
        var publish = Path.Combine(packages.Author, "publish", ThirdPartyPlugin.Name);

        (await Dotnet.RunAsync(project, null, "publish", "-c", "Release", "-o", publish)).ShouldSucceed("dotnet publish of the plugin");

        // EnableDynamicLoading came from the package: the runtimeconfig and deps McMaster loads the plugin with.
        Assert.True(File.Exists(Path.Combine(publish, "Acme.Stamp.dll")));
        Assert.True(File.Exists(Path.Combine(publish, "Acme.Stamp.runtimeconfig.json")));
        Assert.True(File.Exists(Path.Combine(publish, "Acme.Stamp.deps.json")));
        // The gateway provides the contract; a copy in the plugin's folder would not unify with its types.
        Assert.False(File.Exists(Path.Combine(publish, ContractDll)), "publish output carries the contract");
        Assert.False(File.Exists(Path.Combine(project, "bin", "Release", "net10.0", ContractDll)), "build output carries the contract");
        Assert.DoesNotContain(ContractDll, await File.ReadAllTextAsync(Path.Combine(publish, "Acme.Stamp.deps.json")), StringComparison.Ordinal);

        // And it loads: dropped into a gateway's plugin folder as plugins/Acme.Stamp/, it runs on its route.
        await using var upstream = await PluginTestGateway.StartAsync("""
            _format_version: "3.0"
            services:
              - name: echo
                url: ${{ env "DECK_UPSTREAM_URL" }}
                routes:
                  - name: all
                    paths: [/]
            """);
        var yaml = $"""
            _format_version: "3.0"
            services:
              - name: s
                url: {upstream.BaseAddress}
                routes:
                  - name: stamped
                    paths: [/stamped]
                    plugins:
                      - name: stamp
                        config: {"{"} header_name: x-acme, value: dropped-in {"}"}
            """;
        await using var gateway = await GatewayTestHost.StartAsync(
            [yaml], plugins: new Dictionary<string, string>(), arguments: ["--plugin-dir", Path.GetDirectoryName(publish)!]);
        using var response = await gateway.Client.GetAsync(new Uri("/stamped/x", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("dropped-in", Assert.Single(upstream.UpstreamRequests).Headers["x-acme"]);
    }

    [Fact]
    public void Package_CarriesVersionLicenseReadmeDocsBuildFilesAndSymbols()
    {
        var nupkg = Path.Combine(packages.Feed, "Sluice.Plugin.Abstractions.1.0.0.nupkg");
        using var zip = ZipFile.OpenRead(nupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("lib/net10.0/" + ContractDll, entries);
        Assert.Contains("lib/net10.0/Gateway.Plugin.Abstractions.xml", entries);
        Assert.Contains("README.md", entries);
        Assert.Contains("buildTransitive/Sluice.Plugin.Abstractions.targets", entries);
        Assert.Contains("buildTransitive/Sluice.Plugin.Abstractions.props", entries);

        using var nuspecStream = zip.GetEntry("Sluice.Plugin.Abstractions.nuspec")!.Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Field(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        Assert.Equal("1.0.0", Field("version"));
        Assert.Equal("MIT", Field("license"));
        Assert.Equal("README.md", Field("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Field("description")));

        using var symbols = ZipFile.OpenRead(Path.Combine(packages.Feed, "Sluice.Plugin.Abstractions.1.0.0.snupkg"));
        Assert.Contains(symbols.Entries, e => e.FullName == "lib/net10.0/Gateway.Plugin.Abstractions.pdb");
    }
}
