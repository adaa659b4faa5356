using System.Diagnostics;

namespace Gateway.EndToEnd.Tests.Infrastructure;

/// <summary>Runs one <c>node</c> script to its end, bounded: a hanging script fails the test instead of stalling the suite.</summary>
internal static class NodeProcess
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(ProcessStartInfo start, string what)
    {
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"The end-to-end tests need node to run {what}, but 'node' could not be started ({ex.Message}).", ex);
        }

        using (process)
        {
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
                throw new TimeoutException($"node {what} did not finish within {Timeout.TotalSeconds} s; stderr: {await stderr}");
            }

            return (process.ExitCode, (await stdout).Trim(), await stderr);
        }
    }
}
