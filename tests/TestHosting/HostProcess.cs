using System.Diagnostics;

namespace Gateway.TestHosting;

/// <summary>Runs the real host executable (copied beside the tests) to observe exit codes and stderr.</summary>
public static class HostProcess
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Process.Start(StartInfo(args, environment))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A host that hangs (a regression such as an unbounded config expansion) must not outlive its test and
            // eat the machine's memory while the rest of the suite runs.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the host did not exit within 60 s: gateway {string.Join(' ', args)}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a serving host (pass <c>--urls http://127.0.0.1:0</c>) and waits until it listens.</summary>
    public static Task<RunningHostProcess> StartAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null) =>
        StartAsync(StartInfo(args, environment));

    /// <summary>Starts a gateway published into <paramref name="folder"/> (<c>dotnet publish src/Host -o folder</c>),
    /// from that folder as the current directory, so nothing of the repository around the tests applies.</summary>
    public static Task<RunningHostProcess> StartPublishedAsync(string folder, IReadOnlyList<string> args)
    {
        var start = StartInfo(args, environment: null);
        start.ArgumentList[0] = Path.Combine(folder, "Gateway.Host.dll");
        start.WorkingDirectory = folder;
        return StartAsync(start);
    }

    private static async Task<RunningHostProcess> StartAsync(ProcessStartInfo start)
    {
        var host = new RunningHostProcess(start);
        try
        {
            await host.WaitUntilListeningAsync(TimeSpan.FromSeconds(60));
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private static ProcessStartInfo StartInfo(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Gateway.Host.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("DECK_ANTHROPIC_API_KEY");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
