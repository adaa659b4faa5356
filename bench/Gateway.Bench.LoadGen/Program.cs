using System.Globalization;
using Gateway.Bench.LoadGen;
using Gateway.Bench.LoadGen.Processes;

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

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

var started = DateTime.UtcNow;
var results = await Harness.RunAsync(options, Console.Error, cts.Token);
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
