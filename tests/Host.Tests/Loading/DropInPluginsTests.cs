using Gateway.Host.Loading;

namespace Gateway.Host.Tests.Loading;

public sealed class DropInPluginsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dropin-tests-").FullName;

    [Fact]
    public void Find_FolderHoldingItsNamesakeDll_IsADropIn()
    {
        var assembly = Touch("Acme.Headers", "Acme.Headers.dll");

        var found = DropInPlugins.Find(_folder, []);

        Assert.Equal([new PluginCatalogEntry("Acme.Headers", assembly, DropIn: true)], found);
    }

    [Fact]
    public void Find_FolderWithoutItsNamesakeDll_IsSkipped()
    {
        // A bundled plugin's published folder: AiProxy/ holds Gateway.Plugins.AiProxy.dll.
        Touch("AiProxy", "Gateway.Plugins.AiProxy.dll");

        Assert.Empty(DropInPlugins.Find(_folder, []));
    }

    [Fact]
    public void Find_AssemblyTheCatalogAlreadyLists_IsNotLoadedTwice()
    {
        var assembly = Touch("Acme", "Acme.dll");

        Assert.Empty(DropInPlugins.Find(_folder, [new PluginCatalogEntry("acme", assembly)]));
    }

    [Fact]
    public void Find_MissingFolder_FindsNothing()
    {
        Assert.Empty(DropInPlugins.Find(Path.Combine(_folder, "absent"), []));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Touch(string folder, string file)
    {
        var path = Path.Combine(_folder, folder, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, []);
        return path;
    }
}
