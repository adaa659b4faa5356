using Gateway.Host.Usage;

namespace Gateway.Host.Tests.Usage;

public sealed class LogInputsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("usage-inputs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Touch(string name)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, "");
        return path;
    }

    [Fact]
    public void Resolve_LogWithRotatedSiblings_ReadsOldestFirstThenTheLiveFile()
    {
        var live = Touch("claude.json");
        var one = Touch("claude.json.1");
        var two = Touch("claude.json.2.gz");
        var ten = Touch("claude.json.10.gz");
        Touch("claude.json.bak");
        Touch("other.json.1");

        var inputs = LogInputs.Resolve([live]);

        Assert.Equal([ten, two, one, live], inputs.Select(i => i.Path));
        Assert.Equal([true, true, false, false], inputs.Select(i => i.IsGzip));
    }

    [Fact]
    public void Resolve_RotatedFileNamedExplicitly_ReadsOnlyThatFile()
    {
        Touch("claude.json");
        var one = Touch("claude.json.1");
        Touch("claude.json.2");

        Assert.Equal([one], LogInputs.Resolve([one]).Select(i => i.Path));
    }

    [Fact]
    public void Resolve_SameFileTwiceAndStdin_ReadsEachOnce()
    {
        var live = Touch("claude.json");

        var inputs = LogInputs.Resolve([live, "-", live, "-"]);

        Assert.Equal([live, null], inputs.Select(i => i.Path));
    }

    [Fact]
    public void Resolve_MissingFileWithoutRotations_ThrowsNamingIt()
    {
        var missing = Path.Combine(_folder, "nope.json");

        var error = Assert.Throws<UsageInputException>(() => LogInputs.Resolve([missing]));

        Assert.Equal($"cannot read {missing}: no such file", error.Message);
    }

    [Fact]
    public void Resolve_LiveFileGoneButRotationsLeft_ReadsTheRotations()
    {
        var one = Touch("claude.json.1");

        Assert.Equal([one], LogInputs.Resolve([Path.Combine(_folder, "claude.json")]).Select(i => i.Path));
    }

    [Fact]
    public void Resolve_Folder_ThrowsNamingIt()
    {
        var error = Assert.Throws<UsageInputException>(() => LogInputs.Resolve([_folder]));

        Assert.Contains("is a folder", error.Message, StringComparison.Ordinal);
    }
}
