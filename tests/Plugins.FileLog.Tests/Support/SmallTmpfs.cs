using System.Diagnostics;

namespace Gateway.Plugins.FileLog.Tests.Support;

/// <summary>A real, tiny tmpfs mounted for one test, so "the disk is full" is the kernel's ENOSPC and not a fake.
/// Mounting needs root (CAP_SYS_ADMIN); the tests run as root, and where that is not possible the test fails
/// with mount's own reason rather than passing without having tested anything.</summary>
internal sealed class SmallTmpfs : IDisposable
{
    private SmallTmpfs(string path) => Path = path;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public static SmallTmpfs Mount(int kilobytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "filelog-tmpfs", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            Assert.Fail($"cannot mount a {kilobytes} KB tmpfs for the full-disk test (needs root with CAP_SYS_ADMIN): {output}");
        }

        return new SmallTmpfs(path);
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path);
        }
        catch (IOException)
        {
            // Best effort, like TempDirectory.
        }
    }

    private static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }
}
