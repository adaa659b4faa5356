using System.Diagnostics;
using System.Globalization;
using Gateway.Bench.LoadGen;
using Xunit.Abstractions;

namespace Gateway.Bench.Tests;

/// <summary>
/// The harness as a process: a SIGTERM, SIGINT or SIGHUP must stop the processes it started as Ctrl+C does. Before,
/// the runtime's default SIGTERM handling ended the harness without disposing the lab, and the mock and the proxies
/// kept running.
/// </summary>
public sealed class ProgramSignalTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("TERM", 15)]
    [InlineData("HUP", 1)]
    [InlineData("INT", 2)]
    public async Task Signal_while_the_lab_runs_stops_every_child_process(string signal, int number)
    {
        var harnessDll = typeof(Harness).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { harnessDll, "--quick", "--no-install", "--no-results-file" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var harness = Process.Start(start)!;
        var stderr = new System.Text.StringBuilder();
        harness.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        harness.OutputDataReceived += (_, _) => { };
        harness.BeginErrorReadLine();
        harness.BeginOutputReadLine();
        int[] children = [];
        try
        {
            // The gateway starts after the mock, the forwarder and the bare proxy: once it runs, so do they.
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (!(children = ChildrenOf(harness.Id)).Any(pid => CommandLine(pid).Contains("gateway.yaml", StringComparison.Ordinal)))
            {
                Assert.False(harness.HasExited, $"the harness exited before starting the gateway: {stderr}");
                Assert.True(DateTime.UtcNow < deadline, $"the harness did not start the gateway in 120 s: {stderr}");
                await Task.Delay(50);
            }

            Assert.Contains(children, pid => CommandLine(pid).Contains("Gateway.MockAnthropic.dll", StringComparison.Ordinal));
            using (var kill = Process.Start("kill", ["-" + signal, harness.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await harness.WaitForExitAsync(exit.Token);
            output.WriteLine(stderr.ToString());
            Assert.Equal(128 + number, harness.ExitCode);
            var gone = DateTime.UtcNow.AddSeconds(10);
            while (children.Any(Alive) && DateTime.UtcNow < gone)
            {
                await Task.Delay(50);
            }

            Assert.Empty(children.Where(Alive).Select(pid => $"{pid}: {CommandLine(pid)}"));
        }
        finally
        {
            // Whatever the outcome, leave nothing of this test running.
            foreach (var pid in children.Where(Alive))
            {
                try
                {
                    Process.GetProcessById(pid).Kill(entireProcessTree: true);
                }
                catch (ArgumentException)
                {
                }
            }

            if (!harness.HasExited)
            {
                harness.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Direct children of <paramref name="pid"/>, from each process's parent in /proc/PID/stat.</summary>
    private static int[] ChildrenOf(int pid)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var candidate))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // pid (comm) state ppid …: comm may hold spaces, so parse after its closing parenthesis.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == pid)
                {
                    children.Add(candidate);
                }
            }
            catch (IOException)
            {
            }
        }

        return [.. children];
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    /// <summary>Running, or stopped but not yet reaped: a zombie (state Z) has ended.</summary>
    private static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
