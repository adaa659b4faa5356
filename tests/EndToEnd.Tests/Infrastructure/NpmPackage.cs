using System.Diagnostics;

namespace Gateway.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Installs a pinned npm package into a folder under <c>.cache/</c> (git-ignored), the way the end-to-end tests get
/// their real clients (the Claude Code CLI, the official <c>openai</c> package). No skip: a missing npm or a failed
/// install throws with the reason.
/// </summary>
internal static class NpmPackage
{
    public static Task InstallAsync(string folder, string package, string version, TimeSpan timeout) =>
        InstallAsync(folder, [(package, version)], timeout);

    /// <summary>Installs several packages in one npm call (a second call would prune the first as extraneous).</summary>
    public static async Task InstallAsync(string folder, IReadOnlyList<(string Package, string Version)> packages, TimeSpan timeout)
    {
        var specs = string.Join(' ', packages.Select(p => $"{p.Package}@{p.Version}"));
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "install", "--prefix", folder, "--no-audit", "--no-fund", "--no-save", "--no-package-lock", "--loglevel=error" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (package, version) in packages)
        {
            start.ArgumentList.Add($"{package}@{version}");
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"The end-to-end tests need npm to install {specs}, but 'npm' could not be started ({ex.Message}). " +
                "Install Node.js/npm (CI: .ci/run needs it on PATH).", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"npm install {specs} did not finish within {timeout.TotalMinutes} minutes");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"npm install {specs} into {folder} failed with exit code {process.ExitCode}.\n" +
                    $"stdout:\n{await stdout}\nstderr:\n{await stderr}");
            }
        }
    }

    /// <summary>An exclusive lock on a file (flock on Unix), polled so a second test process waits its turn.</summary>
    public static async Task<FileStream> AcquireLockAsync(string path, TimeSpan installTimeout)
    {
        var deadline = DateTime.UtcNow + installTimeout + TimeSpan.FromMinutes(1);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }
}
