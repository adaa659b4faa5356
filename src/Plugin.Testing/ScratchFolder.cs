namespace Gateway.Plugins.Testing;

/// <summary>A temporary folder for the files the gateway reads at startup (the YAML, the plugin catalog).</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder()
    {
        Path = Directory.CreateTempSubdirectory("sluice-plugin-test-").FullName;
    }

    public string Path { get; }

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a plugin (file-log) on a platform that locks it: the OS temp cleaner gets it.
        }
    }
}
