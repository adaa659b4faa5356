using Gateway.Host.Loading;

namespace Gateway.Host.Tests.Loading;

public sealed class PluginCatalogReaderTests : IDisposable
{
    private static readonly PluginCatalogEntry[] Bundled = [new("ai-proxy", "/b/AiProxy/A.dll"), new("file-log", "/b/FileLog/F.dll")];

    private readonly string _folder = Directory.CreateTempSubdirectory("catalog-tests-").FullName;

    [Fact]
    public void Read_BundledBesideObjectEntries_ExpandsBundledInPlaceAndKeepsRelativePaths()
    {
        var path = Write("""{"plugins": ["bundled", {"name": "mine", "path": "mine/Mine.dll"}]}""");

        var entries = PluginCatalogReader.Read(path, () => Bundled);

        Assert.Equal(
            [.. Bundled, new PluginCatalogEntry("mine", Path.Combine(_folder, "mine", "Mine.dll"))],
            entries);
    }

    [Fact]
    public void Read_ObjectEntriesOnly_DoesNotAskForTheBundledPlugins()
    {
        var path = Write("""{"plugins": [{"name": "mine", "path": "Mine.dll"}]}""");

        var entries = PluginCatalogReader.Read(path, () => throw new InvalidOperationException("bundled was not asked for"));

        Assert.Equal([new PluginCatalogEntry("mine", Path.Combine(_folder, "Mine.dll"))], entries);
    }

    [Fact]
    public void Read_OtherStringEntry_ThrowsNamingTheEntry()
    {
        var path = Write("""{"plugins": ["everything"]}""");

        var error = Assert.Throws<GatewayStartupException>(() => PluginCatalogReader.Read(path, () => Bundled));

        Assert.Contains("plugins[0]: a string entry must be \"bundled\", got 'everything'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BundledPluginAlsoListedByName_ThrowsDuplicateName()
    {
        var path = Write("""{"plugins": ["bundled", {"name": "file-log", "path": "F.dll"}]}""");

        var error = Assert.Throws<GatewayStartupException>(() => PluginCatalogReader.Read(path, () => Bundled));

        Assert.Contains("two plugins are named 'file-log'", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_folder, "plugins.json");
        File.WriteAllText(path, json);
        return path;
    }
}
