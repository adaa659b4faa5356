using System.IO.Compression;

namespace Gateway.Packaging.Tests;

[Collection(PackedFeedCollection.Name)]
public sealed class TestingPackageTests(PackedFeed packages)
{
    [Fact]
    public async Task ThirdPartyTestProject_ReferencingOnlyTheTestingPackage_BuildsAndPasses()
    {
        var tests = Path.Combine(packages.Author, ThirdPartyPlugin.Name + ".Tests");

        var result = await Dotnet.RunAsync(tests, null, "test");

        result.ShouldSucceed("dotnet test of the outside author's test project");
        // Every test of the author's project ran, none was skipped.
        Assert.Matches(@"Failed:\s+0, Passed:\s+3, Skipped:\s+0, Total:\s+3", result.Output);
        var output = Path.Combine(tests, "bin", "Debug", "net10.0");
        // The test process hosts the gateway, so it does need the contract; the bundled plugins sit in their folders.
        Assert.True(File.Exists(Path.Combine(output, "Gateway.Plugin.Abstractions.dll")));
        Assert.True(File.Exists(Path.Combine(output, "sluice-bundled-plugins", "FileLog", "Gateway.Plugins.FileLog.dll")));
        Assert.True(File.Exists(Path.Combine(output, "sluice-bundled-plugins", "AiProxy", "Gateway.Plugins.AiProxy.dll")));
        Assert.False(File.Exists(Path.Combine(output, "sluice-bundled-plugins", "AiProxy", "Gateway.Plugin.Abstractions.dll")));
    }

    [Fact]
    public void Package_CarriesTheHostAndTheBundledPluginsButNotTheContract()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(packages.Feed, "Sluice.Plugin.Testing.1.0.0.nupkg"));
        var entries = zip.Entries.Select(e => e.FullName).ToArray();

        Assert.Contains("lib/net10.0/Gateway.Plugin.Testing.dll", entries);
        Assert.Contains("lib/net10.0/Gateway.Plugin.Testing.xml", entries);
        Assert.Contains("lib/net10.0/Gateway.Host.dll", entries);
        Assert.Contains("bundled-plugins/AiProxy/Gateway.Plugins.AiProxy.dll", entries);
        Assert.Contains("bundled-plugins/FileLog/Gateway.Plugins.FileLog.dll", entries);
        // The contract comes as a dependency (Sluice.Plugin.Abstractions), once.
        Assert.DoesNotContain(entries, e => e.EndsWith("Gateway.Plugin.Abstractions.dll", StringComparison.Ordinal));

        using var symbols = ZipFile.OpenRead(Path.Combine(packages.Feed, "Sluice.Plugin.Testing.1.0.0.snupkg"));
        Assert.Contains(symbols.Entries, e => e.FullName == "lib/net10.0/Gateway.Plugin.Testing.pdb");
        Assert.Contains(symbols.Entries, e => e.FullName == "lib/net10.0/Gateway.Host.pdb");
    }
}
