using System.Diagnostics;

namespace Gateway.TestHosting;

/// <summary>
/// The real host executable serving on a loopback port, for what only a separate process shows: signals, its own
/// stdout and stderr. Started with <see cref="HostProcess.StartAsync"/>; killed on dispose if still running.
/// </summary>
public sealed class RunningHostProcess : IAsyncDisposable
{
    private const string ListeningPrefix = "Now listening on: ";

    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal RunningHostProcess(ProcessStartInfo start)
    {
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Collect(_stdout, _stdoutClosed, e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(_stderr, _stderrClosed, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    /// <summary>The address Kestrel reported, once <see cref="WaitUntilListeningAsync"/> returned.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Stdout lines so far.</summary>
    public IReadOnlyList<string> StdoutLines
    {
        get
        {
            lock (_lock)
            {
                return [.. _stdout];
            }
        }
    }

    public string Stdout => string.Join('\n', StdoutLines);

    public string Stderr
    {
        get
        {
            lock (_lock)
            {
                return string.Join('\n', _stderr);
            }
        }
    }

    /// <summary>Waits for Kestrel's "Now listening on" line (start with <c>--urls http://127.0.0.1:0</c>).</summary>
    public async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        var line = await WaitForStdoutAsync(l => l.Contains(ListeningPrefix, StringComparison.Ordinal), timeout);
        BaseUri = new Uri(line[(line.IndexOf(ListeningPrefix, StringComparison.Ordinal) + ListeningPrefix.Length)..].Trim());
    }

    /// <summary>The first stdout line matching <paramref name="predicate"/>, polling until it shows up.</summary>
    public async Task<string> WaitForStdoutAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (StdoutLines.FirstOrDefault(predicate) is { } found)
            {
                return found;
            }

            if (_process.HasExited && _stdoutClosed.Task.IsCompleted)
            {
                throw new InvalidOperationException($"the host exited ({_process.ExitCode}) first.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"no matching stdout line within {timeout}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Sends SIGTERM, as a container runtime or systemd does to stop the gateway.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {Id} failed with {kill.ExitCode}");
        }
    }

    /// <summary>Waits for the process to exit and its output to be read to the end; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cancel.Token);
        }

        _process.Dispose();
    }

    private void Collect(List<string> lines, TaskCompletionSource closed, string? line)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (_lock)
        {
            lines.Add(line);
        }
    }
}
