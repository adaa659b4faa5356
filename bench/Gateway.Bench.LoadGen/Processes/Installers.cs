using System.Diagnostics;

namespace Gateway.Bench.LoadGen.Processes;

/// <summary>
/// Brings the reference proxies in with their ordinary package clients: nginx from Debian (apt-get, as root) and
/// the Portkey gateway from npm at a pinned version into the repository's git-ignored <c>.cache/</c>; and, for
/// <c>--with-budget redis</c>, Debian's redis-server.
/// </summary>
internal static class Installers
{
    public const string PortkeyVersion = "1.15.2";

    /// <summary>
    /// Portkey asks for <c>@hono/node-server ^1.3.3</c>. From 1.19 on, its lightweight Response keeps the upstream
    /// fetch's immutable Headers for a streamed body, and Portkey's <c>headers.append</c> then fails every streamed
    /// answer with HTTP 500 ("TypeError: immutable"). 1.13.8 builds a fresh Response and works; the harness pins it
    /// with an npm override so the column measures Portkey, not that bug.
    /// </summary>
    public const string HonoNodeServerVersion = "1.13.8";

    private static readonly string PortkeyManifest =
        $"{{\"name\":\"portkey-bench-cache\",\"private\":true,\"dependencies\":{{\"@portkey-ai/gateway\":\"{PortkeyVersion}\"}},"
        + $"\"overrides\":{{\"@hono/node-server\":\"{HonoNodeServerVersion}\"}}}}\n";

    public static Task<(string? Path, string? Problem)> EnsureNginxAsync(TextWriter log) =>
        EnsureDebianAsync("nginx", FindNginx, log);

    private static async Task<(string? Path, string? Problem)> EnsureDebianAsync(string package, Func<string?> find, TextWriter log)
    {
        if (find() is { } found)
        {
            return (found, null);
        }

        if (!IsRoot())
        {
            return (null, $"{package} is not installed and installing it needs root (apt-get install {package})");
        }

        log.WriteLine($"# installing {package} with apt-get");
        var env = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        var (code, output) = await RunAsync("apt-get", ["install", "-y", "-q", "--no-install-recommends", package], env, TimeSpan.FromMinutes(5));
        if (code != 0)
        {
            // A fresh machine has no package lists yet.
            await RunAsync("apt-get", ["update", "-q"], env, TimeSpan.FromMinutes(5));
            (code, output) = await RunAsync("apt-get", ["install", "-y", "-q", "--no-install-recommends", package], env, TimeSpan.FromMinutes(5));
        }

        return find() is { } installed ? (installed, null) : (null, $"apt-get install {package} failed: " + Last(output));
    }

    public static Task<(string? Path, string? Problem)> EnsureRedisAsync(TextWriter log) =>
        EnsureDebianAsync("redis-server", FindRedis, log);

    public static string? FindRedis() =>
        File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : Which("redis-server");

    public static async Task<(string? Script, string? Problem)> EnsurePortkeyAsync(string repoRoot, TextWriter log)
    {
        var folder = Path.Combine(repoRoot, ".cache", "portkey");
        var script = Path.Combine(folder, "node_modules", "@portkey-ai", "gateway", "build", "start-server.js");
        var installedVersion = ReadVersion(Path.Combine(folder, "node_modules", "@portkey-ai", "gateway", "package.json"));
        var honoVersion = ReadVersion(Path.Combine(folder, "node_modules", "@hono", "node-server", "package.json"));
        var nestedHono = Directory.Exists(Path.Combine(folder, "node_modules", "@portkey-ai", "gateway", "node_modules", "@hono", "node-server"));
        if (File.Exists(script) && installedVersion == PortkeyVersion && honoVersion == HonoNodeServerVersion && !nestedHono)
        {
            return (script, null);
        }

        if (Which("node") is null || Which("npm") is null)
        {
            return (null, "node/npm not found (apt-get install nodejs npm)");
        }

        log.WriteLine($"# installing @portkey-ai/gateway@{PortkeyVersion} with npm into .cache/portkey");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "package.json"), PortkeyManifest);
        var (code, output) = await RunAsync("npm",
            ["install", "--prefix", folder, "--no-audit", "--no-fund", "--loglevel=error"],
            null, TimeSpan.FromMinutes(5));
        return code == 0 && File.Exists(script) ? (script, null) : (null, "npm install @portkey-ai/gateway failed: " + Last(output));
    }

    public static string? FindNginx() =>
        File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : Which("nginx");

    public static string? Which(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':'))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static bool IsRoot() => Environment.UserName == "root";

    public static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        try
        {
            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"{file} timed out after {timeout.TotalSeconds:0} s");
            }

            return (process.ExitCode, await stdout + await stderr);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, $"{file}: {ex.Message}");
        }
    }

    private static string? ReadVersion(string packageJson)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(packageJson));
            return doc.RootElement.GetProperty("version").GetString();
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or KeyNotFoundException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Last(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no output)" : string.Join(" | ", lines.TakeLast(3));
    }
}
