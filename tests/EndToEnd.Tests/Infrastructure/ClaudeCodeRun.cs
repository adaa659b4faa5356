using System.Diagnostics;

namespace Gateway.EndToEnd.Tests.Infrastructure;

/// <summary>What one <c>claude</c> process did.</summary>
internal sealed record ClaudeCodeResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public override string ToString() => $"exit code {ExitCode} after {Elapsed.TotalSeconds:F1} s\nstdout:\n{Tail(Stdout)}\nstderr:\n{Tail(Stderr)}";

    /// <summary>The end of an output (stream-json runs print hundreds of lines; the error is at the end).</summary>
    public static string Tail(string text, int length = 3000) => text.Length <= length ? text : "…" + text[^length..];
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

    public static Task<ClaudeCodeResult> RunAsync(string executable, string workingFolder, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(executable, workingFolder, environment, args).WaitForExitAsync();

    public static ClaudeCodeProcess Start(string executable, string workingFolder, IReadOnlyDictionary<string, string> environment, params string[] args)
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

        return new ClaudeCodeProcess(Process.Start(start)!, "claude " + string.Join(' ', args));
    }
}

/// <summary>A running CLI: stdout is read line by line as it comes, so a test can watch a stream arrive.</summary>
internal sealed class ClaudeCodeProcess
{
    private readonly Process _process;
    private readonly string _commandLine;
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
    private readonly List<string> _lines = [];
    private readonly Task _stdout;
    private readonly Task<string> _stderr;
    private TaskCompletionSource _lineAdded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ClaudeCodeProcess(Process process, string commandLine)
    {
        _process = process;
        _commandLine = commandLine;
        process.StandardInput.Close(); // print mode reads a piped stdin: give it an empty one
        _stdout = ReadLinesAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public string Stdout
    {
        get
        {
            lock (_lines)
            {
                return string.Concat(_lines.Select(l => l + "\n"));
            }
        }
    }

    /// <summary>Waits until stdout has a line matching <paramref name="predicate"/>; false after the timeout or exit.</summary>
    public async Task<bool> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Task changed;
            lock (_lines)
            {
                if (_lines.Any(predicate))
                {
                    return true;
                }

                changed = _lineAdded.Task;
            }

            var left = timeout - deadline.Elapsed;
            if (left <= TimeSpan.Zero || _stdout.IsCompleted)
            {
                return false;
            }

            await Task.WhenAny(changed, _stdout, Task.Delay(left));
        }
    }

    public async Task<ClaudeCodeResult> WaitForExitAsync()
    {
        using (_process)
        {
            using var timeout = new CancellationTokenSource(ClaudeCodeRun.Timeout - _stopwatch.Elapsed);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
                throw new TimeoutException($"{_commandLine} did not exit within {ClaudeCodeRun.Timeout.TotalSeconds} s\nstdout:\n{ClaudeCodeResult.Tail(Stdout)}\nstderr:\n{ClaudeCodeResult.Tail(await _stderr)}");
            }

            await _stdout;
            return new ClaudeCodeResult(_process.ExitCode, Stdout, await _stderr, _stopwatch.Elapsed);
        }
    }

    private async Task ReadLinesAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            lock (_lines)
            {
                _lines.Add(line);
                var added = _lineAdded;
                _lineAdded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                added.SetResult();
            }
        }
    }
}
