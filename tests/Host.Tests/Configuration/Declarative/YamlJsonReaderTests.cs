using System.Text;
using Gateway.Host.Configuration.Declarative;

namespace Gateway.Host.Tests.Configuration.Declarative;

public sealed class YamlJsonReaderTests
{
    private const string Header = "_format_version: \"3.0\"\n";

    /// <summary>9 anchors, each a list of 9 aliases to the one before: 9^9 nodes once expanded.</summary>
    internal static string AliasBomb()
    {
        var yaml = new StringBuilder(Header + "_comment:\n  a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level <= 9; level++)
        {
            var previous = $"*a{level - 1}";
            yaml.Append($"  a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat(previous, 9))}]\n");
        }

        return yaml.ToString();
    }

    [Fact]
    public async Task Load_AliasBomb_IsRefusedWithOneLineNamingFileAndLine()
    {
        // Bounded: without a limit the expansion never finishes.
        var result = await Task.Run(() => ConfigTestData.Load(AliasBomb())).WaitAsync(TimeSpan.FromSeconds(60));

        var error = Assert.Single(result.Errors);
        Assert.Matches(@"^file1\.yaml:\d+: too many YAML alias expansions", error);
    }

    [Fact]
    public void Load_AliasesWithinTheBudget_AreExpanded()
    {
        var result = ConfigTestData.Load(Header + "services:\n- name: a\n  host: h\n  tags: &t [x, y]\n- name: b\n  host: h\n  tags: *t\n");

        Assert.Empty(result.Errors);
        Assert.Equal(["x", "y"], result.Config!.Services.Single(s => s.Name == "b").Tags);
    }

    [Fact]
    public void Load_DuplicateKey_LastWinsWithOneWarningNamingFileAndLine()
    {
        var result = ConfigTestData.Load(Header + "services:\n- name: s\n  host: first\n  host: second\n");

        Assert.Empty(result.Errors);
        Assert.Equal("second", Assert.Single(result.Config!.Services).Host);
        Assert.Equal("file1.yaml:5: duplicate key 'host': the last value is used", Assert.Single(result.Warnings));
    }

    [Fact]
    public void Load_TutorialFileWithRepeatedLogging_LoadsAndWarnsOnce()
    {
        var result = DeclarativeConfigLoader.Load([ConfigTestData.File("tutorial-2.yaml")], ConfigTestData.Env);

        Assert.Empty(result.Errors);
        Assert.Equal("tutorial-2.yaml:17: duplicate key 'logging': the last value is used", Assert.Single(result.Warnings));
    }

    [Fact]
    public void Load_NoDuplicateKeys_HasNoWarnings()
    {
        var result = ConfigTestData.Load(Header + "services:\n- name: s\n  host: h\n");

        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("---\n")]
    [InlineData("---\n...\n")]
    [InlineData("\n---\n\n")]
    public void Load_TrailingEmptyDocument_IsAccepted(string trailer)
    {
        var result = ConfigTestData.Load(Header + "services:\n- name: s\n  host: h\n" + trailer);

        Assert.Empty(result.Errors);
        Assert.Single(result.Config!.Services);
    }

    [Fact]
    public void Load_SecondDocumentWithContent_IsStillRefused()
    {
        var result = ConfigTestData.Load(Header + "services: []\n---\nroutes: []\n");

        Assert.Contains(result.Errors, e => e.Contains("only one YAML document per file is supported", StringComparison.Ordinal));
    }
}
