using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Gateway.Sdk.Tests.Infrastructure;

/// <summary>Checks shared by the template's and the sample's end-to-end tests.</summary>
internal static partial class AuthorSteps
{
    /// <summary>
    /// The number of tests <c>dotnet test</c> passed, after checking that none failed or was skipped and that
    /// every <c>[Fact]</c> in <paramref name="testSources"/> ran.
    /// </summary>
    public static void AssertEveryTestPassed(string output, string testSources)
    {
        var facts = Directory.EnumerateFiles(testSources, "*.cs", SearchOption.AllDirectories)
            .Sum(file => FactAttribute().Count(File.ReadAllText(file)));
        var summary = Summary().Match(output);
        Assert.True(summary.Success, "no test summary in the output of dotnet test:\n" + output);
        Assert.True(facts > 0, $"no [Fact] found under {testSources}");
        Assert.Equal($"failed 0, passed {facts}, skipped 0", $"failed {summary.Groups["failed"]}, passed {summary.Groups["passed"]}, skipped {summary.Groups["skipped"]}");
    }

    /// <summary>The drop-in folder holds the plugin and its runtimeconfig, but never a copy of the contract.</summary>
    public static void AssertDropInLayout(string folder, string assemblyName)
    {
        Assert.True(File.Exists(Path.Combine(folder, assemblyName + ".dll")), $"{assemblyName}.dll missing in {folder}");
        Assert.True(File.Exists(Path.Combine(folder, assemblyName + ".runtimeconfig.json")), $"{assemblyName}.runtimeconfig.json missing in {folder}");
        Assert.False(File.Exists(Path.Combine(folder, "Gateway.Plugin.Abstractions.dll")), $"the contract assembly was published into {folder}");
    }

    public static string[] Values(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? [.. values] : [];

    [GeneratedRegex(@"\[Fact\]")]
    private static partial Regex FactAttribute();

    [GeneratedRegex(@"Failed:\s*(?<failed>\d+),\s*Passed:\s*(?<passed>\d+),\s*Skipped:\s*(?<skipped>\d+)")]
    private static partial Regex Summary();
}
