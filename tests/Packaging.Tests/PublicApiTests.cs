namespace Gateway.Packaging.Tests;

/// <summary>
/// The contract's surface is tracked in PublicAPI.Shipped.txt / PublicAPI.Unshipped.txt: a public member added without
/// being listed breaks the build, so no member reaches plugin authors by accident.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public async Task Build_ContractWithAnUnlistedPublicMember_FailsWithRS0016()
    {
        using var folder = new TempFolder();
        var repo = await RepoCopy.CreateAsync(Path.Combine(folder.Path, "repo"));
        var project = Path.Combine(repo, "src", "Plugin.Abstractions");
        await File.WriteAllTextAsync(Path.Combine(project, "Accidental.cs"), """
            namespace Gateway.Plugins;

            /// <summary>A helper someone meant to keep internal.</summary>
            public static class Accidental
            {
                /// <summary>Nothing.</summary>
                public static int Answer() => 42;
            }
            """);

        var result = await Dotnet.RunAsync(project, null, "build", "-c", "Release");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("RS0016", result.Output, StringComparison.Ordinal);
        Assert.Contains("Gateway.Plugins.Accidental.Answer()", result.Output, StringComparison.Ordinal);
    }
}
