using System.Text.RegularExpressions;
using Gateway.Sdk.Tests.Infrastructure;

namespace Gateway.Sdk.Tests.Templates;

/// <summary>
/// What <c>dotnet new gateway-plugin</c> derives from the project name, and that the generated folder points at
/// nothing on the machine that made the template.
/// </summary>
[Collection(PluginSdkCollection.Name)]
public sealed partial class GatewayPluginTemplateNamingTests(PluginSdkFixture sdk)
{
    [Theory]
    [InlineData("Acme.Stamp", "acme-stamp", "AcmeStamp")]
    [InlineData("MyCompany.RateLimiter", "my-company-rate-limiter", "MyCompanyRateLimiter")]
    [InlineData("Foo_Bar", "foo-bar", "Foo_Bar")]
    public async Task NewPlugin_NamesThePluginInKebabCaseAndTheClassesAfterTheProject(string project, string pluginName, string classPrefix)
    {
        var author = Path.Combine(sdk.Work, "naming-" + project);
        Directory.CreateDirectory(author);
        var hive = Path.Combine(author, "template-hive");
        await DotnetCli.RunAsync(author, sdk.AuthorEnvironment, "new", "install", Path.Combine(sdk.Feed, "Sluice.Plugin.Templates.1.0.0.nupkg"), "--debug:custom-hive", hive);

        await DotnetCli.RunAsync(author, sdk.AuthorEnvironment, "new", "gateway-plugin", "-n", project, "--debug:custom-hive", hive);

        var generated = Path.Combine(author, project);
        var plugin = await File.ReadAllTextAsync(Path.Combine(generated, "src", project, classPrefix + "Plugin.cs"));
        Assert.Contains($"public string Name => \"{pluginName}\";", plugin, StringComparison.Ordinal);
        Assert.Matches(KebabCase(), pluginName);
        Assert.Contains($"internal sealed class {classPrefix}Plugin ", plugin, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(generated, "src", project, classPrefix + "Config.cs")));
        Assert.True(File.Exists(Path.Combine(generated, "tests", project + ".Tests", classPrefix + "PluginTests.cs")));
    }

    [Fact]
    public async Task NewPlugin_WithoutAPackageSource_WritesNoNuGetConfigAndNoPathOfThisMachine()
    {
        var author = Path.Combine(sdk.Work, "no-source");
        Directory.CreateDirectory(author);
        var hive = Path.Combine(author, "template-hive");
        await DotnetCli.RunAsync(author, sdk.AuthorEnvironment, "new", "install", Path.Combine(sdk.Feed, "Sluice.Plugin.Templates.1.0.0.nupkg"), "--debug:custom-hive", hive);

        await DotnetCli.RunAsync(author, sdk.AuthorEnvironment, "new", "gateway-plugin", "-n", "Acme.Stamp", "--debug:custom-hive", hive);

        var generated = Path.Combine(author, "Acme.Stamp");
        Assert.False(File.Exists(Path.Combine(generated, "nuget.config")));
        foreach (var file in Directory.EnumerateFiles(generated, "*", SearchOption.AllDirectories))
        {
            var text = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain(RepoPaths.Root, text, StringComparison.Ordinal);
            Assert.DoesNotContain(sdk.Work, text, StringComparison.Ordinal);
            // Every template token was replaced.
            Assert.DoesNotContain("SLUICE_", text, StringComparison.Ordinal);
            Assert.DoesNotContain("TemplatePrefix", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Company.GatewayPlugin", text, StringComparison.Ordinal);
        }
    }

    // The host's rule for plugin names (Loading/PluginCatalogReader).
    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
