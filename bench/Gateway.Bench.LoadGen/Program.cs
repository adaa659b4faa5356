using System.Globalization;
using System.Runtime.InteropServices;
using Gateway.Bench.LoadGen;
using Gateway.Bench.LoadGen.Processes;
using Gateway.Bench.LoadGen.Report;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

if (options.Pin && Environment.ProcessorCount >= 2 && Installers.Which("taskset") is not null)
{
    // The load generator runs on CPU 1 with the mock; the proxies under test get CPU 0 to themselves. -a moves
    // every thread that exists now; threads created later inherit the mask.
    await Installers.RunAsync("taskset", ["-a", "-p", "-c", Lab.LoadCpu.ToString(CultureInfo.InvariantCulture), Environment.ProcessId.ToString(CultureInfo.InvariantCulture)], null, TimeSpan.FromSeconds(10));
}

// SIGTERM, SIGINT (Ctrl+C) and SIGHUP all cancel the run, so the lab's dispose stops the mock, the proxies, nginx,
// Portkey and Redis. The runtime's default for SIGTERM and SIGHUP ends the process without unwinding, which
// left every child running.
using var cts = new CancellationTokenSource();
var stoppedBy = 0;
PosixSignalRegistration[] registrations =
[
    .. new[] { (PosixSignal.SIGTERM, 15), (PosixSignal.SIGINT, 2), (PosixSignal.SIGHUP, 1) }.Select(s =>
        PosixSignalRegistration.Create(s.Item1, context =>
        {
            context.Cancel = true;
            Interlocked.CompareExchange(ref stoppedBy, s.Item2, 0);
            cts.Cancel();
        })),
];

var started = DateTime.UtcNow;
BenchResults results;
try
{
    results = await Harness.RunAsync(options, Console.Error, cts.Token);
}
catch (Exception) when (cts.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync($"# stopped by signal {stoppedBy}; the processes the harness started are stopped");
    return 128 + stoppedBy;
}
finally
{
    foreach (var registration in registrations)
    {
        registration.Dispose();
    }
}

var markdown = results.ToMarkdown();
Console.WriteLine(markdown);
if (options.WriteResultFile)
{
    var path = options.OutputPath ?? Path.Combine(Harness.FindRepoRoot(), "bench", "results", $"{results.Started:yyyy-MM-dd_HHmmss}.md");
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    await File.WriteAllTextAsync(path, markdown);
    await File.WriteAllTextAsync(Path.ChangeExtension(path, ".json"), results.ToJson());
    await Console.Error.WriteLineAsync($"# written to {path} (and .json) in {(DateTime.UtcNow - started).TotalSeconds:0} s");
}

var missing = results.Missing();
if (missing.Count > 0)
{
    await Console.Error.WriteLineAsync("# figures missing: " + string.Join(", ", missing));
    return 1;
}

return 0;
