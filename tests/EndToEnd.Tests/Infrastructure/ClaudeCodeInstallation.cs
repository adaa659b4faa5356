using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Gateway.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real Claude Code CLI at a pinned version, installed once with npm into <c>.cache/claude-code/VERSION</c>
/// (git-ignored) and reused by later runs. A file lock serializes installs across test processes, and a marker
/// written only after the binary answered <c>--version</c> tells a finished install from an interrupted one.
/// There is no skip: when npm or the CLI is missing, every test of the collection fails with the reason.
/// </summary>
public sealed class ClaudeCodeInstallation : IAsyncLifetime
{
    public const string Version = "2.1.328";
    private const string Package = "@anthropic-ai/claude-code";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The native binary (the platform package's <c>claude</c>; it needs no node).</summary>
    public string Executable { get; private set; } = "";

    public string Folder { get; } = Path.Combine(RepoPaths.Root, ".cache", "claude-code", Version);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Folder)!);
        await using var installLock = await NpmPackage.AcquireLockAsync(Path.Combine(Path.GetDirectoryName(Folder)!, "install.lock"), InstallTimeout);
        var marker = Path.Combine(Folder, ".installed");
        if (File.Exists(marker) && FindExecutable() is { } existing && await ReportsVersionAsync(existing))
        {
            Executable = existing;
            return;
        }

        // Anything here without a marker is an interrupted or foreign install: start over.
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        Directory.CreateDirectory(Folder);
        await NpmPackage.InstallAsync(Folder, Package, Version, InstallTimeout);
        var executable = FindExecutable() ?? throw new InvalidOperationException(
            $"npm installed {Package}@{Version} into {Folder}, but no native 'claude' binary was found under " +
            $"node_modules/@anthropic-ai/claude-code-*/ (platform {RuntimeInformation.RuntimeIdentifier}). Found: " +
            string.Join(", ", ListPlatformPackages()));
        if (!await ReportsVersionAsync(executable))
        {
            throw new InvalidOperationException($"{executable} --version did not report {Version}");
        }

        await File.WriteAllTextAsync(marker, Version + "\n");
        Executable = executable;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string? FindExecutable()
    {
        var scope = Path.Combine(Folder, "node_modules", "@anthropic-ai");
        var preferred = Path.Combine(scope, $"claude-code-{PlatformSuffix()}", "claude");
        if (File.Exists(preferred))
        {
            return preferred;
        }

        return ListPlatformPackages().Select(p => Path.Combine(scope, p, "claude")).FirstOrDefault(File.Exists);
    }

    private IEnumerable<string> ListPlatformPackages()
    {
        var scope = Path.Combine(Folder, "node_modules", "@anthropic-ai");
        return Directory.Exists(scope)
            ? Directory.EnumerateDirectories(scope, "claude-code-*").Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)
            : [];
    }

    private static string PlatformSuffix()
    {
        var os = OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "win32" : "linux";
        var arch = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "x64";
        return $"{os}-{arch}";
    }

    private static async Task<bool> ReportsVersionAsync(string executable)
    {
        var start = new ProcessStartInfo(executable, "--version")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DISABLE_AUTOUPDATER"] = "1";
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode == 0 && (await stdout).StartsWith(Version + " ", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            return false;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClaudeCodeCollection : ICollectionFixture<ClaudeCodeInstallation>
{
    public const string Name = "Claude Code CLI";
}
