using System.Diagnostics;

namespace Gateway.Packaging.Tests.Infrastructure;

/// <summary>
/// The repository's files as a fresh clone has them (tracked and new files, without bin/, obj/ or artifacts/),
/// copied to a temp folder: packing there proves the packages build from a clean clone, and keeps the packing
/// build apart from the Release builds other tests run in the working tree.
/// </summary>
internal static class RepoCopy
{
    public static async Task<string> CreateAsync(string destination)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var arg in new[] { "ls-files", "--cached", "--others", "--exclude-standard", "-z" })
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("these tests copy the repository with git, which is not installed: " + ex.Message, ex);
        }

        using (process)
        {
            var list = await process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"git ls-files failed in {RepoPaths.Root}: {errors}");
            }

            foreach (var file in list.Split('\0', StringSplitOptions.RemoveEmptyEntries))
            {
                var source = Path.Combine(RepoPaths.Root, file);
                if (!File.Exists(source))
                {
                    continue; // deleted in the working tree, not yet committed
                }

                var target = Path.Combine(destination, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target);
            }
        }

        return destination;
    }
}
