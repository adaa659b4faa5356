namespace Gateway.TestHosting;

/// <summary>Locates the repository from the test's output folder, for plugin assemblies built into artifacts/.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string BundledPlugin(string folder, string assembly) => Path.Combine(Root, "artifacts", "plugins", folder, assembly + ".dll");

    public static string TestPlugin(string folder) => Path.Combine(Root, "artifacts", "test-plugins", folder, $"Gateway.TestPlugins.{folder}.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gateway.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (Gateway.slnx) not found above " + AppContext.BaseDirectory);
    }
}
