using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Gateway.Bench.UsageReport;

// dotnet run -c Release --project bench/Gateway.Bench.UsageReport [-- --size-mb 1024] [--file PATH] [--keep]
// Generates SIZE MB of realistic file-log lines, runs the real `Gateway.Host usage --log FILE --by session --json`
// over them as its own process, and prints the wall time, the throughput and the peak RSS (VmHWM) of that process,
// after checking the report's totals against what was generated.
var sizeMb = 1024L;
string? file = null;
var keep = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--size-mb": sizeMb = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--file": file = args[++i]; break;
        case "--keep": keep = true; break;
        default: Console.Error.WriteLine($"error: unknown option {args[i]}"); return 1;
    }
}

var root = RepoRoot();
var configuration = typeof(GeneratedTotals).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "Configuration").Value!;
var hostDll = Path.Combine(root, "src", "Host", "bin", configuration, "net10.0", "Gateway.Host.dll");
file ??= Path.Combine(Path.GetTempPath(), $"usage-bench-{sizeMb}mb.json");

Console.Error.WriteLine($"# generating {sizeMb} MB of file-log lines into {file}");
var generation = Stopwatch.StartNew();
var expected = LogGenerator.Write(file, sizeMb * 1024 * 1024);
var bytes = new FileInfo(file).Length;
Console.Error.WriteLine($"# {expected.Lines:N0} lines, {bytes:N0} bytes in {generation.Elapsed.TotalSeconds:F1} s; dropping the page cache is not attempted (the file is read warm)");

var run = await HostRun.UsageAsync(hostDll, ["usage", "--log", file, "--by", "session", "--json"]);
if (!keep)
{
    File.Delete(file);
}

if (run.ExitCode != 0)
{
    Console.Error.WriteLine($"error: usage exited {run.ExitCode}: {run.Stderr}");
    return 1;
}

var report = JsonNode.Parse(run.Stdout)!;
var totals = report["totals"]!;
var lines = report["lines"]!;
var checks = new (string Name, object Expected, object Actual)[]
{
    ("requests", expected.AiLines, (long)totals["requests"]!),
    ("input", expected.InputTokens, (long)totals["input_tokens"]!),
    ("output", expected.OutputTokens, (long)totals["output_tokens"]!),
    ("cache write", expected.CacheWriteTokens, (long)totals["cache_write_tokens"]!),
    ("cache read", expected.CacheReadTokens, (long)totals["cache_read_tokens"]!),
    ("cost", expected.Cost, (decimal)totals["cost"]!),
    ("errors", expected.Errors, (long)totals["errors"]!),
    ("without ai", expected.WithoutAi, (long)lines["without_ai_proxy"]!),
    ("malformed", expected.Malformed, (long)lines["malformed"]!),
    ("read", expected.Lines, (long)lines["read"]!),
};
var wrong = checks.Where(c => !c.Expected.Equals(c.Actual)).ToList();
foreach (var (name, want, got) in wrong)
{
    Console.Error.WriteLine($"error: {name}: generated {want}, the report says {got}");
}

var seconds = run.Wall.TotalSeconds;
var cpu = File.Exists("/proc/cpuinfo")
    ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
    : null;
var kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : RuntimeInformation.OSDescription;
Console.WriteLine($"machine: CPU {cpu ?? "unknown"} ×{Environment.ProcessorCount} | kernel {kernel} | {RuntimeInformation.FrameworkDescription} ({configuration}) | file warm in the page cache");
Console.WriteLine();
Console.WriteLine("| input | lines | sessions | wall | throughput | lines/s | peak RSS (VmHWM) | totals match |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| {bytes / 1024.0 / 1024:N0} MiB | {expected.Lines:N0} | {report["groups"]!.AsArray().Count:N0} | {seconds:F1} s | {bytes / 1024.0 / 1024 / seconds:N0} MiB/s | {expected.Lines / seconds:N0} | {run.PeakRssBytes / 1024.0 / 1024:N0} MiB | {(wrong.Count == 0 ? "yes" : "NO")} |"));
return wrong.Count == 0 ? 0 : 1;

static string RepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Gateway.slnx")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("repository root (Gateway.slnx) not found");
}
