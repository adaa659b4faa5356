using System.Diagnostics;
using System.Globalization;

namespace Gateway.Bench.UsageReport;

/// <summary>Runs the real host as a process and follows its peak resident memory (VmHWM) until it exits.</summary>
internal static class HostRun
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr, TimeSpan Wall, long PeakRssBytes);

    public static async Task<Result> UsageAsync(string hostDll, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(hostDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var status = $"/proc/{process.Id}/status";
        long peak = 0;
        while (!process.HasExited)
        {
            // VmHWM is the kernel's own high-water mark, so a sample taken any time before exit holds the peak so far.
            peak = Math.Max(peak, ReadKb(status, "VmHWM:") * 1024);
            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(100));
        }

        clock.Stop();
        return new Result(process.ExitCode, await stdout, await stderr, clock.Elapsed, peak);
    }

    private static long ReadKb(string path, string field)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process exited between the check and the read.
        }

        return 0;
    }
}
