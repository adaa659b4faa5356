namespace Gateway.Packaging.Tests;

public sealed class PackageValidationTests
{
    [Fact]
    public async Task Pack_ContractWithARemovedPublicMember_FailsAgainstTheBaseline()
    {
        using var folder = new TempFolder();
        var repo = await RepoCopy.CreateAsync(Path.Combine(folder.Path, "repo"));
        var project = Path.Combine(repo, "src", "Plugin.Abstractions");
        var baseline = Path.Combine(folder.Path, "baseline");
        // The baseline is the contract as it stands (the committed one may lag behind an unreleased change).
        (await Dotnet.RunAsync(project, null, "pack", "-c", "Release", "-o", baseline, "-p:PackageValidationBaselinePath=")).ShouldSucceed("packing the baseline");
        var baselinePackage = Directory.GetFiles(baseline, "Sluice.Plugin.Abstractions.*.nupkg").Single(p => !p.EndsWith(".snupkg", StringComparison.Ordinal));

        // The accidental breaking change: a member every plugin implements disappears.
        var source = Path.Combine(project, "IGatewayPlugin.cs");
        var lines = await File.ReadAllLinesAsync(source);
        Assert.Contains(lines, l => l.Trim() == "int Priority { get; }");
        await File.WriteAllLinesAsync(source, lines.Where(l => l.Trim() != "int Priority { get; }"));
        // ...and the public API file is "fixed" to match, so PublicApiAnalyzers (RS0017) stays quiet: the released
        // package is the last line of defence.
        var shipped = Path.Combine(project, "PublicAPI.Shipped.txt");
        var api = await File.ReadAllLinesAsync(shipped);
        Assert.Contains(api, l => l.Contains("IGatewayPlugin.Priority", StringComparison.Ordinal));
        await File.WriteAllLinesAsync(shipped, api.Where(l => !l.Contains("IGatewayPlugin.Priority", StringComparison.Ordinal)));

        var result = await Dotnet.RunAsync(project, null, "pack", "-c", "Release", "-o", Path.Combine(folder.Path, "out"), $"-p:PackageValidationBaselinePath={baselinePackage}");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("CP0002", result.Output, StringComparison.Ordinal); // ApiCompat: a member of the baseline is missing
        Assert.Contains("Priority", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pack_UnchangedContract_PassesAgainstTheBaseline()
    {
        using var folder = new TempFolder();
        var repo = await RepoCopy.CreateAsync(Path.Combine(folder.Path, "repo"));
        var project = Path.Combine(repo, "src", "Plugin.Abstractions");
        var baseline = Path.Combine(folder.Path, "baseline");
        (await Dotnet.RunAsync(project, null, "pack", "-c", "Release", "-o", baseline, "-p:PackageValidationBaselinePath=")).ShouldSucceed("packing the baseline");
        var baselinePackage = Directory.GetFiles(baseline, "Sluice.Plugin.Abstractions.*.nupkg").Single(p => !p.EndsWith(".snupkg", StringComparison.Ordinal));

        var result = await Dotnet.RunAsync(project, null, "pack", "-c", "Release", "-o", Path.Combine(folder.Path, "out"), $"-p:PackageValidationBaselinePath={baselinePackage}");

        // The control for the test above: the failure there is the removed member, not the setup.
        result.ShouldSucceed("packing the unchanged contract against its own baseline");
    }
}
