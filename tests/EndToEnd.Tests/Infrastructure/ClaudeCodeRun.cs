using System.Diagnostics;

namespace Gateway.EndToEnd.Tests.Infrastructure;

/// <summary>What one <c>claude</c> process did.</summary>
internal sealed record ClaudeCodeResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public override string ToString() => $"exit code {ExitCode} after {Elapsed.TotalSeconds:F1} s\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>
/// Runs the CLI as a child process in print mode with its own <c>HOME</c> and working folder, so a developer's
/// real settings are never read or written, and with nothing inherited that could change its behaviour.
/// </summary>
internal static class ClaudeCodeRun
{
    public const string Model = "claude-sonnet-4-5-20250929";

    /// <summary>Bounds every run: a hanging CLI fails the test instead of stalling the suite.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    /// <summary>
    /// The environment of the tutorial's print mode. <c>CLAUDE_CODE_MAX_RETRIES</c> is not the tutorial's: the
    /// CLI retries most errors (401 too) 10 times over about three minutes, so a broken gateway would only show
    /// as a timeout. With one retry a broken gateway fails in seconds, with the CLI's own error message.
    /// </summary>
    public static Dictionary<string, string> Environment(Uri baseUrl, string home, string? apiKey = "x", int maxRetries = 1)
    {
        var env = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["ANTHROPIC_BASE_URL"] = baseUrl.ToString().TrimEnd('/'),
            ["ANTHROPIC_MODEL"] = Model,
            ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
            ["DISABLE_AUTOUPDATER"] = "1",
            ["CLAUDE_CODE_MAX_RETRIES"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (apiKey is not null)
        {
            env["ANTHROPIC_API_KEY"] = apiKey;
        }

        return env;
    }

    public static async Task<ClaudeCodeResult> RunAsync(string executable, string workingFolder, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test runner's own environment may carry a developer's real key, base URL or Claude settings.
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("ANTHROPIC_", StringComparison.Ordinal) || name.StartsWith("CLAUDE", StringComparison.Ordinal) ||
                name.StartsWith("DECK_", StringComparison.Ordinal) || name is "XDG_CONFIG_HOME" or "XDG_DATA_HOME" or "XDG_CACHE_HOME" or "XDG_STATE_HOME")
            {
                start.Environment.Remove(name);
            }
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.Close(); // print mode reads a piped stdin: give it an empty one
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"claude {string.Join(' ', args)} did not exit within {Timeout.TotalSeconds} s\nstdout:\n{await stdout}\nstderr:\n{await stderr}");
        }

        return new ClaudeCodeResult(process.ExitCode, await stdout, await stderr, stopwatch.Elapsed);
    }
}
