using System.Diagnostics;

namespace Gateway.Integration.Tests.Infrastructure;

/// <summary>
/// Installs a Debian package a test needs with apt-get, as the benchmark harness installs nginx: nothing to do when
/// its binary is there, else <c>apt-get install</c> (after <c>apt-get update</c> when the package lists are
/// missing). Fails the test with the reason when that is impossible; never skips.
/// </summary>
internal static class DebianPackage
{
    private static readonly SemaphoreSlim Apt = new(1, 1);

    public static async Task<string> EnsureAsync(string package, string binary)
    {
        if (File.Exists(binary))
        {
            return binary;
        }

        await Apt.WaitAsync();
        try
        {
            if (File.Exists(binary))
            {
                return binary;
            }

            Assert.True(Environment.UserName == "root", $"{binary} is missing and installing the Debian package '{package}' needs root (apt-get install -y {package})");
            var (code, output) = await RunAsync("apt-get", ["install", "-y", "-q", "--no-install-recommends", package]);
            if (code != 0)
            {
                // A fresh machine has no package lists yet.
                await RunAsync("apt-get", ["update", "-q"]);
                (code, output) = await RunAsync("apt-get", ["install", "-y", "-q", "--no-install-recommends", package]);
            }

            Assert.True(File.Exists(binary), $"apt-get install {package} did not provide {binary} (exit {code}): {Last(output)}");
            return binary;
        }
        finally
        {
            Apt.Release();
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout + await stderr);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            return (-1, $"{file}: {ex.Message}");
        }
    }

    private static string Last(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no output)" : string.Join(" | ", lines.TakeLast(3));
    }
}
