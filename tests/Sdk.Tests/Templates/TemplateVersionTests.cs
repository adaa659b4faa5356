using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Sdk.Tests.Infrastructure;

namespace Gateway.Sdk.Tests.Templates;

/// <summary>
/// The versions a new plugin and the sample ask for are the versions <c>dotnet pack</c> makes: a contract bump
/// that forgets the template's defaults or the sample fails here, naming both numbers.
/// </summary>
[Collection(PluginSdkCollection.Name)]
public sealed partial class TemplateVersionTests(PluginSdkFixture sdk)
{
    [Theory]
    [InlineData("AbstractionsVersion", "Sluice.Plugin.Abstractions")]
    [InlineData("TestingVersion", "Sluice.Plugin.Testing")]
    public void TemplateParameterDefault_IsTheVersionOfThePackedPackage(string parameter, string packageId)
    {
        using var template = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "templates", "gateway-plugin", ".template.config", "template.json")));

        var defaultValue = template.RootElement.GetProperty("symbols").GetProperty(parameter).GetProperty("defaultValue").GetString();

        Assert.Equal(PackedVersion(packageId), defaultValue);
    }

    [Theory]
    [InlineData("Sluice.Plugin.Abstractions")]
    [InlineData("Sluice.Plugin.Testing")]
    public void SamplePackageVersion_IsTheVersionOfThePackedPackage(string packageId)
    {
        var props = File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "RequestStamp", "Directory.Packages.props"));

        var version = Regex.Match(props, $"""<PackageVersion Include="{Regex.Escape(packageId)}" Version="([^"]+)" />""").Groups[1].Value;

        Assert.Equal(PackedVersion(packageId), version);
    }

    private string PackedVersion(string packageId)
    {
        var packages = Directory.GetFiles(sdk.Feed, packageId + ".*.nupkg")
            .Select(Path.GetFileNameWithoutExtension)
            .Select(name => name![(packageId.Length + 1)..])
            .Where(version => char.IsAsciiDigit(version[0]))
            .ToArray();
        return Assert.Single(packages);
    }
}
