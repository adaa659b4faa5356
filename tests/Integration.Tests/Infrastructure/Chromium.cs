using System.Diagnostics;

namespace Gateway.Integration.Tests.Infrastructure;

/// <summary>
/// Debian's headless Chromium, installed with apt-get when missing (the tests run as root, as the benchmark harness
/// does for nginx). No skip: when it cannot be installed the test fails with apt-get's reason.
/// </summary>
internal static class Chromium
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static async Task<string> EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (Find() is { } found)
            {
                return found;
            }

            if (Environment.UserName != "root")
            {
                throw new InvalidOperationException("chromium is not installed and installing it needs root (apt-get install -y chromium)");
            }

            var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
            // Another test process (or helper) may hold the dpkg lock: wait for it rather than fail.
            string[] install = ["-o", "DPkg::Lock::Timeout=300", "install", "-y", "-q", "--no-install-recommends", "chromium"];
            var (code, output) = await RunAsync("apt-get", install, environment, TimeSpan.FromMinutes(10));
            if (code != 0)
            {
                // A fresh machine has no package lists yet.
                await RunAsync("apt-get", ["-o", "DPkg::Lock::Timeout=300", "update", "-q"], environment, TimeSpan.FromMinutes(5));
                (code, output) = await RunAsync("apt-get", install, environment, TimeSpan.FromMinutes(10));
            }

            return Find() ?? throw new InvalidOperationException($"apt-get install -y chromium failed (exit {code}): {Tail(output)}");
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>Opens <paramref name="page"/> headless and offline, as a user would double-click the file.</summary>
    public static async Task<string> DumpDomAsync(string chromium, string page, string profile) =>
        await RunOrThrowAsync(chromium, [.. Flags(profile), "--dump-dom", new Uri(page).AbsoluteUri]);

    public static async Task ScreenshotAsync(string chromium, string page, string profile, string png, int width, int height) =>
        await RunOrThrowAsync(chromium, [.. Flags(profile), $"--window-size={width},{height}", $"--screenshot={png}", new Uri(page).AbsoluteUri]);

    private static string[] Flags(string profile) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
        "--disable-component-update", "--disable-sync", "--hide-scrollbars", $"--user-data-dir={profile}",
    ];

    private static async Task<string> RunOrThrowAsync(string chromium, string[] args)
    {
        var (code, output) = await RunAsync(chromium, args, null, TimeSpan.FromMinutes(1), stdoutOnly: true);
        return code == 0 ? output : throw new InvalidOperationException($"chromium exited {code}: {Tail(output)}");
    }

    private static string? Find()
    {
        foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] args, Dictionary<string, string>? environment, TimeSpan timeout, bool stdoutOnly = false)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
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
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout}");
        }

        return (process.ExitCode, stdoutOnly && process.ExitCode == 0 ? await stdout : await stdout + await stderr);
    }

    private static string Tail(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(" | ", lines.TakeLast(5));
    }
}
